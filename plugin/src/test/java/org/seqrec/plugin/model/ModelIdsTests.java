package org.seqrec.plugin.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ModelIdsTests {

    @Test
    public void acceptsLowercaseIdsWithSeparators() {
        for (String id : new String[] {"a", "shop-sasrec", "shop_sasrec.v2", "0", "a".repeat(100)}) {
            assertEquals(id, ModelIds.validate(id));
        }
    }

    @Test
    public void rejectsPathTricksCaseAndLength() {
        for (String id : new String[] {
            "", "..", "../x", "a/b", "a\\b", ".hidden", "-x", "Shop", "a b", "a".repeat(101), "x\n", "%2e%2e"
        }) {
            IllegalArgumentException e = assertThrows(id, IllegalArgumentException.class, () -> ModelIds.validate(id));
            assertTrue(e.getMessage(), e.getMessage().startsWith("[model_id] must match [a-z0-9][a-z0-9_.-]{0,99}"));
        }
        assertThrows(IllegalArgumentException.class, () -> ModelIds.validate(null));
    }
}
