package org.seqrec.trainer.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.eval.RankingMetrics;
import org.seqrec.trainer.split.EvalCase;

class ColdStartSplitTests {
    static InteractionData log() {
        Random random = new Random(5);
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (int u = 0; u < 300; u++) {
            for (int i = 0; i < 6; i++) {
                b.add("u" + u, "i" + random.nextInt(50));
            }
        }
        return b.build("random");
    }

    @Test
    void heldOutItemsNeverReachTrainingAndAreTheTargets() {
        InteractionData full = log();
        ColdStartSplit split = ColdStartSplit.of(full, 0.2, 1, r -> true);
        assertEquals(10, split.coldItems().size());
        Set<String> cold = new HashSet<>(split.coldItems());
        for (String id : split.warm().itemIds()) {
            assertFalse(cold.contains(id), id + " is held out but in the training log");
        }
        int warm = split.warm().numItems();
        assertEquals(warm + 10, split.numCandidates());
        assertFalse(split.cases().isEmpty());
        for (EvalCase c : split.cases()) {
            assertTrue(c.target() > warm && c.target() <= warm + 10, "target " + c.target());
            String user = full.userId(c.user());
            int[] s = full.sequence(c.user());
            assertEquals(split.coldItems().get(c.target() - warm - 1), full.itemId(s[s.length - 1]), user);
            for (int h : c.history()) {
                assertTrue(h >= 1 && h <= warm, "history rows are warm rows");
            }
        }
        // the same seed holds out the same items
        assertEquals(
                split.coldItems(), ColdStartSplit.of(full, 0.2, 1, r -> true).coldItems());
    }

    @Test
    void theOraclePopularityRanksByAllInteractionsAndTheTrainingOneCannotRankColdItems() {
        InteractionData full = log();
        ColdStartSplit split = ColdStartSplit.of(full, 0.2, 2, r -> true);
        RankingMetrics training = new Evaluator(
                        ColdStartScorers.popularity(split, split.warm()), split.numCandidates(), 64)
                .evaluate(split.cases(), new EvaluationProtocol.Full(), 1)
                .get("full");
        // every cold item scores 0 below every warm item: the best rank is n_w
        assertEquals(0.0, training.hr20());
        float[] oracle = ColdStartScorers.popularity(split, full).score(new int[][] {{}})[0];
        String id = split.coldItems().get(0);
        int count = 0;
        for (int u = 0; u < full.numUsers(); u++) {
            for (int r : full.sequence(u)) {
                count += full.itemId(r).equals(id) ? 1 : 0;
            }
        }
        assertEquals(count, oracle[split.warm().numItems() + 1]);
    }

    @Test
    void refusesAShareOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ColdStartSplit.of(log(), 1.0, 1, r -> true));
        assertThrows(IllegalArgumentException.class, () -> ColdStartSplit.of(log(), 0, 1, r -> true));
    }
}
