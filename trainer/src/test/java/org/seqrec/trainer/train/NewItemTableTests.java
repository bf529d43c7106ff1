package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemFeatures;

class NewItemTableTests {
    private static final int VALUES = 6;
    private static final int D = 4;
    private static final int ITEMS = 60;

    @Test
    void aTableThatExplainsTheEmbeddingsExactlyIsRecovered() {
        float[] truth = randomTable(new SplittableRandom(1));
        ItemFeatures features = randomFeatures(new SplittableRandom(2));
        NewItemTable.Fit fit =
                NewItemTable.fit(new FeatureModel(features, zeroTable()), embeddings(features, truth, 0, null), 7);
        assertEquals(NewItemTable.RIDGE_GRID[0], fit.ridge(), "no noise: the weakest ridge wins");
        assertTrue(fit.validationError() < 1e-4, "held-out error " + fit.validationError());
        assertTrue(fit.trainedError() > 0.1, "the zero table misses by the embeddings' size: " + fit.trainedError());
        FeatureModel fitted = new FeatureModel(features, fit.table());
        // any combination of values: the mean of their true rows
        float[] expected = mean(truth, new int[] {1, 5, 6});
        assertArrayEquals(expected, fitted.embed(new int[] {1, 5, 6}), 1e-2f);
        assertArrayEquals(new float[D], Arrays.copyOf(fit.table().data(), D), 0f, "row 0 pads");
    }

    @Test
    void noisyEmbeddingsChooseAStrongerRidgeAndTheFitIsReproducible() {
        float[] truth = randomTable(new SplittableRandom(3));
        ItemFeatures features = randomFeatures(new SplittableRandom(4));
        ItemEmbeddings noisy = embeddings(features, truth, 2.0, new SplittableRandom(5));
        FeatureModel trained = new FeatureModel(features, zeroTable());
        NewItemTable.Fit fit = NewItemTable.fit(trained, noisy, 7);
        assertTrue(fit.ridge() > NewItemTable.RIDGE_GRID[0], "ridge " + fit.ridge());
        assertEquals(fit, NewItemTable.fit(trained, noisy, 7));
    }

    @Test
    void itemsWithoutFeaturesAreLeftOutAndNoneAtAllIsAnError() {
        float[] truth = randomTable(new SplittableRandom(6));
        ItemFeatures features = randomFeatures(new SplittableRandom(7));
        int[][] rows = new int[ITEMS + 1][];
        for (int i = 0; i <= ITEMS; i++) {
            rows[i] = i % 3 == 0 ? new int[0] : features.itemRows(i);
        }
        ItemFeatures some = ItemFeatures.of(features.fields(), features.values(), rows);
        // the items without features get a wild embedding that must not reach the fit
        float[] e = embeddings(some, truth, 0, null).asTensor().data().clone();
        for (int i = 3; i <= ITEMS; i += 3) {
            Arrays.fill(e, i * D, (i + 1) * D, 100f);
        }
        ItemEmbeddings known = new ItemEmbeddings(new FloatTensor(new long[] {ITEMS + 1, D}, e));
        NewItemTable.Fit fit = NewItemTable.fit(new FeatureModel(some, zeroTable()), known, 1);
        assertTrue(fit.validationError() < 1e-3, "held-out error " + fit.validationError());

        int[][] none = new int[ITEMS + 1][0];
        ItemFeatures empty = ItemFeatures.of(features.fields(), features.values(), none);
        IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> NewItemTable.fit(new FeatureModel(empty, zeroTable()), known, 1));
        assertEquals("no known item has features: nothing to fit the new-item table to", ex.getMessage());
    }

    /** Items 1..ITEMS with one to three distinct values each, every value used. */
    private static ItemFeatures randomFeatures(SplittableRandom random) {
        List<ItemFeatures.Value> values = new ArrayList<>();
        for (int v = 1; v <= VALUES; v++) {
            values.add(new ItemFeatures.Value("f", "v" + v));
        }
        int[][] rows = new int[ITEMS + 1][];
        rows[0] = new int[0];
        for (int i = 1; i <= ITEMS; i++) {
            int k = 1 + random.nextInt(3);
            rows[i] = i <= VALUES
                    ? new int[] {i}
                    : random.ints(1, VALUES + 1).distinct().limit(k).sorted().toArray();
        }
        return ItemFeatures.of(List.of("f"), values, rows);
    }

    /** E'[i] = mean(truth[features(i)]) plus N(0, noise^2) per value. */
    private static ItemEmbeddings embeddings(ItemFeatures f, float[] truth, double noise, SplittableRandom random) {
        float[] e = new float[(ITEMS + 1) * D];
        for (int i = 1; i <= ITEMS; i++) {
            float[] m = mean(truth, f.itemRows(i));
            for (int j = 0; j < D; j++) {
                e[i * D + j] = m[j] + (noise == 0 ? 0f : (float) (noise * gaussian(random)));
            }
        }
        return new ItemEmbeddings(new FloatTensor(new long[] {ITEMS + 1, D}, e));
    }

    private static float[] mean(float[] table, int[] rows) {
        float[] out = new float[D];
        for (int r : rows) {
            for (int j = 0; j < D; j++) {
                out[j] += table[r * D + j] / rows.length;
            }
        }
        return out;
    }

    private static float[] randomTable(SplittableRandom random) {
        float[] t = new float[(VALUES + 1) * D];
        for (int k = D; k < t.length; k++) {
            t[k] = (float) gaussian(random);
        }
        return t;
    }

    private static FloatTensor zeroTable() {
        return new FloatTensor(new long[] {VALUES + 1, D}, new float[(VALUES + 1) * D]);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
