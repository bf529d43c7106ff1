package org.seqrec.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Bounded collector of the k best (row, score) pairs. Ties on score are broken by the smaller row,
 * so results are deterministic. Not thread-safe: one instance per search.
 */
final class TopK {
    /** Worst-first: the lowest score, and on ties the larger row, sits at the head. */
    private static final Comparator<ScoredItem> WORST_FIRST =
            Comparator.comparingDouble(ScoredItem::score).thenComparing(ScoredItem::row, Comparator.reverseOrder());

    private final int k;
    private final PriorityQueue<ScoredItem> heap;

    TopK(int k) {
        this.k = k;
        this.heap = new PriorityQueue<>(Math.min(k, 1 << 16) + 1, WORST_FIRST);
    }

    void offer(int row, float score) {
        if (heap.size() < k) {
            heap.add(new ScoredItem(row, score));
            return;
        }
        ScoredItem worst = heap.peek();
        if (score > worst.score() || (score == worst.score() && row < worst.row())) {
            heap.poll();
            heap.add(new ScoredItem(row, score));
        }
    }

    /** The collected hits, best first. */
    List<ScoredItem> bestFirst() {
        List<ScoredItem> out = new ArrayList<>(heap);
        out.sort(Collections.reverseOrder(WORST_FIRST));
        return out;
    }
}
