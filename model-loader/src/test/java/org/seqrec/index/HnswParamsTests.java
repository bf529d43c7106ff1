package org.seqrec.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HnswParamsTests {

    @Test
    void defaultsAreValid() {
        assertEquals(new HnswParams(16, 200, 400), HnswParams.defaults());
        assertEquals(400, HnswParams.defaults().withEfSearch(400).efSearch());
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HnswParams(1, 200, 100));
        assertTrue(e.getMessage().startsWith("m must be in 2..100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HnswParams(101, 200, 100));
        e = assertThrows(IllegalArgumentException.class, () -> new HnswParams(16, 15, 100));
        assertTrue(e.getMessage().startsWith("efConstruction"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HnswParams(16, 10_001, 100));
        e = assertThrows(IllegalArgumentException.class, () -> new HnswParams(16, 200, 0));
        assertTrue(e.getMessage().startsWith("efSearch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HnswParams(16, 200, 10_001));
    }
}
