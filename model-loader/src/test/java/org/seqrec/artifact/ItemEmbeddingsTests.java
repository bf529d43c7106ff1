package org.seqrec.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ItemEmbeddingsTests {
    @Test
    void identityScoresAreTheUserVectorItself() {
        ItemEmbeddings e = ItemEmbeddings.identity(4);
        assertTrue(e.isIdentity());
        assertEquals(4, e.numRows());
        assertEquals(4, e.dim());
        assertEquals(0L, e.storedValues());
        float[] u = {0f, 0.5f, -2f, 3f};
        assertEquals(-2f, e.dot(u, 2));
        float[] all = e.dotAll(u);
        assertArrayEquals(u, all);
        assertNotSame(u, all, "dotAll must hand out a copy");
        assertArrayEquals(new float[] {0f, 0f, 1f, 0f}, e.row(2));
    }

    @Test
    void identityIsNeverMaterialised() {
        ItemEmbeddings e = ItemEmbeddings.identity(3);
        IllegalStateException ex = assertThrows(IllegalStateException.class, e::asTensor);
        assertTrue(ex.getMessage().contains("identity"), ex.getMessage());
    }

    @Test
    void identityChecksArguments() {
        ItemEmbeddings e = ItemEmbeddings.identity(3);
        assertThrows(IllegalArgumentException.class, () -> e.dot(new float[2], 1));
        assertThrows(IllegalArgumentException.class, () -> e.dotAll(new float[4]));
        assertThrows(IndexOutOfBoundsException.class, () -> e.dot(new float[3], 3));
        assertThrows(IllegalArgumentException.class, () -> ItemEmbeddings.identity(0));
    }

    @Test
    void matrixFormIsUnchanged() {
        ItemEmbeddings e = new ItemEmbeddings(new FloatTensor(new long[] {3, 2}, new float[] {0, 0, 1, 2, 3, 4}));
        assertFalse(e.isIdentity());
        assertEquals(6L, e.storedValues());
        assertEquals(11f, e.dot(new float[] {1f, 2f}, 2));
        assertArrayEquals(new float[] {0f, 5f, 11f}, e.dotAll(new float[] {1f, 2f}));
    }
}
