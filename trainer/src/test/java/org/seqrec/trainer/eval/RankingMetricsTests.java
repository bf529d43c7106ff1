package org.seqrec.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RankingMetricsTests {
    private static final double EPS = 1e-12;

    @Test
    void perCaseValuesFollowTheDefinitions() {
        assertEquals(1.0, RankingMetrics.ndcgAt(0, 5), EPS);
        assertEquals(1.0 / (Math.log(3) / Math.log(2)), RankingMetrics.ndcgAt(1, 5), EPS); // 0.6309...
        assertEquals(0.5, RankingMetrics.ndcgAt(2, 5), EPS); // 1/log2(4)
        assertEquals(0.0, RankingMetrics.ndcgAt(5, 5), EPS);
        assertEquals(1.0, RankingMetrics.hitAt(4, 5));
        assertEquals(0.0, RankingMetrics.hitAt(5, 5));
    }

    @Test
    void accumulatorAveragesOverCases() {
        RankingMetrics.Accumulator acc = new RankingMetrics.Accumulator();
        acc.add(0);
        acc.add(9);
        acc.add(25);
        RankingMetrics m = acc.result();
        assertEquals(3, m.cases());
        assertEquals(1.0 / 3, m.hr5(), EPS);
        assertEquals(2.0 / 3, m.hr10(), EPS);
        assertEquals(2.0 / 3, m.hr20(), EPS);
        assertEquals(1.0 / 3, m.ndcg5(), EPS);
        assertEquals((1 + Math.log(2) / Math.log(11)) / 3, m.ndcg10(), EPS); // rank 9: 1/log2(11)
        assertEquals(m.ndcg10(), m.ndcg20(), EPS);
        assertEquals((1 + 0.1 + 1.0 / 26) / 3, m.mrr(), EPS);
        assertEquals(m.hr10(), m.asMap().get("hr@10"));
        assertEquals(3.0, m.asMap().get("cases"));
    }

    @Test
    void noCasesGiveZerosAndNegativeRanksAreRejected() {
        RankingMetrics.Accumulator acc = new RankingMetrics.Accumulator();
        assertEquals(new RankingMetrics(0, 0, 0, 0, 0, 0, 0, 0), acc.result());
        assertThrows(IllegalArgumentException.class, () -> acc.add(-1));
    }
}
