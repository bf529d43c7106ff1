package org.seqrec.plugin.rest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Base64;
import org.junit.Test;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.cbor.CborXContent;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

/** The upload body parser: raw bytes in CBOR, base64 in JSON, and clear 400s for anything else. */
public class RestPutModelActionTests {
    private static final byte[] ARTIFACT = {'P', 'K', 3, 4, 0, (byte) 0xFF, 17, 42};

    private static byte[] parseJson(String json) throws IOException {
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            return BytesReference.toBytes(RestPutModelAction.parse(parser));
        }
    }

    @Test
    public void readsRawBytesFromCbor() throws IOException {
        XContentBuilder cbor = XContentFactory.cborBuilder()
                .startObject()
                .field("artifact", ARTIFACT)
                .endObject();
        try (XContentParser parser = CborXContent.cborXContent.createParser(
                NamedXContentRegistry.EMPTY,
                DeprecationHandler.THROW_UNSUPPORTED_OPERATION,
                BytesReference.toBytes(BytesReference.bytes(cbor)))) {
            assertArrayEquals(ARTIFACT, BytesReference.toBytes(RestPutModelAction.parse(parser)));
        }
    }

    @Test
    public void readsTheCborHeaderTheTrainerWrites() throws IOException {
        // map(1), text(8) "artifact", bytes with a 4-byte length: what seqrec-trainer upload sends
        byte[] header = {
            (byte) 0xA1, 0x68, 'a', 'r', 't', 'i', 'f', 'a', 'c', 't', 0x5A, 0, 0, 0, (byte) ARTIFACT.length
        };
        byte[] body = new byte[header.length + ARTIFACT.length];
        System.arraycopy(header, 0, body, 0, header.length);
        System.arraycopy(ARTIFACT, 0, body, header.length, ARTIFACT.length);
        try (XContentParser parser = CborXContent.cborXContent.createParser(
                NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, body)) {
            assertArrayEquals(ARTIFACT, BytesReference.toBytes(RestPutModelAction.parse(parser)));
        }
    }

    @Test
    public void readsBase64FromJson() throws IOException {
        assertArrayEquals(
                ARTIFACT, parseJson("{\"artifact\": \"" + Base64.getEncoder().encodeToString(ARTIFACT) + "\"}"));
    }

    @Test
    public void refusesOtherShapesWithTheExpectedShape() {
        for (String bad : new String[] {
            "{}",
            "{\"model\": \"AAAA\"}",
            "{\"artifact\": 42}",
            "{\"artifact\": [1, 2]}",
            "{\"artifact\": \"AAAA\", \"extra\": 1}",
            "{\"artifact\": \"not base64 !!\"}"
        }) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> parseJson(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("[put model]"));
        }
    }
}
