package org.seqrec.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.ItemVocabulary;

class ItemIndexerTests {
    @Test
    void growingAssignsRowsFromOneInOrderOfFirstAppearance() {
        ItemIndexer ix = ItemIndexer.growing();
        assertEquals(1, ix.rowFor("b"));
        assertEquals(2, ix.rowFor("a"));
        assertEquals(1, ix.rowFor("b"));
        assertEquals(List.of("b", "a"), ix.ids());
        assertEquals(2, ix.size());
        assertFalse(ix.isFrozen());
    }

    @Test
    void frozenKnowsOnlyTheVocabulary() {
        ItemIndexer ix = ItemIndexer.frozen(ItemVocabulary.of(List.of("x", "y")));
        assertTrue(ix.isFrozen());
        assertEquals(2, ix.rowFor("y"));
        assertEquals(-1, ix.rowFor("z"));
        assertEquals(List.of("x", "y"), ix.ids());
    }
}
