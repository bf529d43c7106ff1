package org.seqrec.nn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;

/** The blocked scan against {@link ItemEmbeddings#dot}, which it must equal bit for bit. */
class InnerProductScanTests {
    @Test
    void everyBlockScoresEqualTheRowByRowDotProductExactly() {
        SplittableRandom random = new SplittableRandom(11);
        // within one block, exactly one block, across blocks with a short last one; D with vector tails
        int[][] shapes = {
            {1, 1}, {7, 3}, {33, 5}, {InnerProductScan.BLOCK, 16}, {2 * InnerProductScan.BLOCK + 37, 37}, {3000, 64}
        };
        for (int[] shape : shapes) {
            int rows = shape[0];
            int dim = shape[1];
            float[] data = new float[rows * dim];
            for (int v = 0; v < data.length; v++) {
                data[v] = (float) random.nextGaussian();
            }
            float[] query = new float[dim];
            for (int i = 0; i < dim; i++) {
                query[i] = (float) random.nextGaussian();
            }
            ItemEmbeddings embeddings = new ItemEmbeddings(new FloatTensor(new long[] {rows, dim}, data));
            InnerProductScan scan = new InnerProductScan(data, rows, dim);
            assertEquals((rows + InnerProductScan.BLOCK - 1) / InnerProductScan.BLOCK, scan.numBlocks());
            float[] scores = new float[InnerProductScan.BLOCK];
            int seen = 0;
            for (int b = 0; b < scan.numBlocks(); b++) {
                int n = scan.scoreBlock(b, query, scores);
                for (int j = 0; j < n; j++) {
                    int row = b * InnerProductScan.BLOCK + j;
                    assertEquals(embeddings.dot(query, row), scores[j], 0f, rows + "x" + dim + " row " + row);
                }
                seen += n;
            }
            assertEquals(rows, seen);
        }
    }

    @Test
    void rejectsShapesThatDoNotFitAndQueriesOfAnotherDimension() {
        assertThrows(IllegalArgumentException.class, () -> new InnerProductScan(new float[6], 4, 2));
        InnerProductScan scan = new InnerProductScan(new float[6], 3, 2);
        assertThrows(
                IllegalArgumentException.class,
                () -> scan.scoreBlock(0, new float[3], new float[InnerProductScan.BLOCK]));
    }
}
