package org.seqrec.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bounded collector of the k best (row, score) pairs. Ties on score are broken by the smaller row,
 * so results are deterministic. A binary min-heap over two primitive arrays, worst pair at the root:
 * a pair that does not beat the root (most of them, once the heap is full) costs one comparison, and
 * nothing is allocated per offer. Not thread-safe: one instance per search.
 */
final class TopK {
    private final int k;
    private float[] scores;
    private int[] rows;
    private int size;

    TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        int capacity = Math.min(k, 1024);
        this.scores = new float[capacity];
        this.rows = new int[capacity];
    }

    void offer(int row, float score) {
        if (size < k) {
            grow();
            int i = size++;
            scores[i] = score;
            rows[i] = row;
            siftUp(i);
        } else if (worse(scores[0], rows[0], score, row)) {
            scores[0] = score;
            rows[0] = row;
            siftDown(0);
        }
    }

    /** Whether k pairs are held: from then on, only a pair that beats {@link #worstScore} enters. */
    boolean isFull() {
        return size == k;
    }

    /** The score of the worst pair held (the root); meaningful once {@link #isFull}. */
    float worstScore() {
        return scores[0];
    }

    /** The collected hits, best first. */
    List<ScoredItem> bestFirst() {
        List<ScoredItem> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new ScoredItem(rows[i], scores[i]));
        }
        out.sort((a, b) -> worse(a.score(), a.row(), b.score(), b.row()) ? 1 : a.equals(b) ? 0 : -1);
        return out;
    }

    /** Whether pair a ranks below pair b: a lower score, or the same score and a larger row. */
    private static boolean worse(float scoreA, int rowA, float scoreB, int rowB) {
        return scoreA < scoreB || (scoreA == scoreB && rowA > rowB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (worse(scores[i], rows[i], scores[parent], rows[parent]) == false) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && worse(scores[child + 1], rows[child + 1], scores[child], rows[child])) {
                child++;
            }
            if (worse(scores[child], rows[child], scores[i], rows[i]) == false) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
    }

    /** The arrays hold min(k, 1024) pairs up front and double (up to k) as pairs come. */
    private void grow() {
        if (size == scores.length) {
            int capacity = (int) Math.min(k, 2L * scores.length);
            scores = Arrays.copyOf(scores, capacity);
            rows = Arrays.copyOf(rows, capacity);
        }
    }
}
