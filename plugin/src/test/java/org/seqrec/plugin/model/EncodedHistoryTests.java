package org.seqrec.plugin.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import org.junit.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;

/** What the rescorer's coordinator sends its shards survives the wire: a vector, or a ranking model's rows. */
public class EncodedHistoryTests {
    private static final ModelRef REF = new ModelRef("shop", "upload-1");

    @Test
    public void aUserVectorTravels() throws IOException {
        EncodedHistory read = roundTrip(new EncodedHistory(REF, new float[] {0.5f, -1f}));
        assertEquals(REF, read.ref());
        assertArrayEquals(new float[] {0.5f, -1f}, read.userVector(), 0f);
        assertFalse(read.isRows());
        assertNull(read.historyRows());
    }

    @Test
    public void aRankingModelsRowsTravel() throws IOException {
        EncodedHistory read = roundTrip(EncodedHistory.ofRows(REF, new int[] {7, 1, 300000}));
        assertTrue(read.isRows());
        assertArrayEquals(new int[] {7, 1, 300000}, read.historyRows());
        assertEquals(0, read.userVector().length);
        assertArrayEquals(
                new int[0], roundTrip(EncodedHistory.ofRows(REF, new int[0])).historyRows());
    }

    private static EncodedHistory roundTrip(EncodedHistory h) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            h.writeTo(out);
            return EncodedHistory.readFrom(out.bytes().streamInput());
        }
    }
}
