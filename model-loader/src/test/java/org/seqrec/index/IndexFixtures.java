package org.seqrec.index;

import java.util.Random;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;

/** Random catalogues and queries with fixed seeds, shared by the index tests. */
final class IndexFixtures {
    private IndexFixtures() {}

    /** numItems + 1 rows of Gaussian values (row 0, padding, zero), dimension dim. */
    static ItemEmbeddings gaussian(int numItems, int dim, long seed) {
        Random rnd = new Random(seed);
        float[] data = new float[(numItems + 1) * dim];
        for (int i = dim; i < data.length; i++) {
            data[i] = (float) rnd.nextGaussian();
        }
        return new ItemEmbeddings(new FloatTensor(new long[] {numItems + 1, dim}, data));
    }

    static ItemEmbeddings of(float[][] rows) {
        int dim = rows[0].length;
        float[] data = new float[rows.length * dim];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, data, r * dim, dim);
        }
        return new ItemEmbeddings(new FloatTensor(new long[] {rows.length, dim}, data));
    }

    static float[] query(Random rnd, int dim) {
        float[] q = new float[dim];
        for (int j = 0; j < dim; j++) {
            q[j] = (float) rnd.nextGaussian();
        }
        return q;
    }
}
