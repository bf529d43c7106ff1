package org.seqrec.trainer.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.ConjugateGradient;
import org.apache.commons.math3.linear.RealLinearOperator;
import org.apache.commons.math3.linear.RealVector;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ModelArtifact;

/**
 * The feature table that new items are embedded with, fitted after training. Serving embeds an item
 * the model has not seen as the mean of its feature rows ({@link FeatureModel#embed}); the table
 * training learned only has to place an item whose id part was dropped, and comes out much smaller
 * than any known item's embedding, so a new item never outscores a known one. This class replaces it
 * with the ridge regression of every known item's embedding on its pooled features:
 *
 * <pre>F* = argmin_F sum_i || a_i F - E'[i] ||^2 + lambda || F ||^2,   a_i[f] = 1 / |features(i)| for f in features(i)</pre>
 *
 * so that a new item's {@code a F*} is the best linear estimate of the embedding a known item with the
 * same features has, on the scale of the items it competes with (the attribute-to-embedding mapping of
 * Gantner et al., "Learning Attribute-to-Feature Mappings for Cold-Start Recommendations", ICDM 2010).
 * Known items keep their embeddings; nothing else in the artifact changes.
 *
 * <p>lambda is chosen from {@link #RIDGE_GRID} by the squared error on a tenth of the known items drawn
 * with the seed (fitted on the rest), then the table is refitted on every known item. Each fit solves
 * the normal equations {@code (A^T A + lambda I) F = A^T E'} column by column with a Jacobi-preconditioned
 * conjugate gradient, touching A only through its non-zeros, so the cost is (items x features per item x
 * D) per iteration whatever the size of the feature vocabulary.
 */
public final class NewItemTable {
    /** Manifest hyper-parameter: how the feature table was made, {@value #FITTED} (absent: as trained). */
    public static final String TABLE_KEY = "feature_table";
    /** {@link #TABLE_KEY}'s value for a table fitted here. */
    public static final String FITTED = "fitted";
    /** Manifest hyper-parameter: the ridge weight lambda chosen. */
    public static final String RIDGE_KEY = "feature_table_ridge";
    /** The ridge weights tried, in units of one known item's squared error. */
    static final double[] RIDGE_GRID = {0.001, 0.01, 0.1, 1, 10};
    /** The share of the known items that chooses lambda. */
    static final double VALIDATION_SHARE = 0.1;

    private static final int MAX_ITERATIONS = 2000;
    private static final double TOLERANCE = 1e-6;

    private NewItemTable() {}

    /**
     * A fitted table.
     *
     * @param table F*, (V + 1, D), row 0 zero
     * @param ridge the lambda chosen
     * @param validationError mean squared error per validation item of F* fitted without them
     * @param trainedError the same error of the table training learned
     */
    public record Fit(FloatTensor table, double ridge, double validationError, double trainedError) {}

    /**
     * The artifact with the fitted table in place of its feature table and {@link #TABLE_KEY} /
     * {@link #RIDGE_KEY} in its hyper-parameters.
     *
     * @param fit from {@link #fit} of this artifact
     */
    public static ModelArtifact apply(ModelArtifact artifact, Fit fit) {
        FeatureModel trained =
                artifact.features().orElseThrow(() -> new IllegalArgumentException("the model has no item features"));
        Map<String, Object> hyper = new LinkedHashMap<>(artifact.manifest().hyperParameters());
        hyper.put(TABLE_KEY, FITTED);
        hyper.put(RIDGE_KEY, fit.ridge());
        return artifact.withManifest(artifact.manifest().withHyperParameters(hyper))
                .withFeatures(new FeatureModel(trained.features(), fit.table()));
    }

    /** {@link #fit} and {@link #apply} in one; an artifact without features as it is. */
    public static ModelArtifact fitted(ModelArtifact artifact, long seed) {
        return artifact.features()
                .map(f -> apply(artifact, fit(f, artifact.itemEmbeddings(), seed)))
                .orElse(artifact);
    }

    /** One line for the log: the lambda chosen and the held-out errors. */
    public static String describe(Fit fit) {
        return String.format(
                Locale.ROOT,
                "new-item feature table fitted to the known items' embeddings: ridge %s, squared error on held-out"
                        + " known items %.4f (the trained table: %.4f)",
                fit.ridge(),
                fit.validationError(),
                fit.trainedError());
    }

    /**
     * Fits F* to the known items' embeddings.
     *
     * @param trained the features and the table training learned (compared against, not used in the fit)
     * @param known E', (n + 1, D), aligned with the features' item rows
     * @throws IllegalArgumentException when no known item has features
     */
    public static Fit fit(FeatureModel trained, ItemEmbeddings known, long seed) {
        ItemFeatures features = trained.features();
        int[] items = IntStream.range(1, features.numItemRows())
                .filter(i -> features.itemRows(i).length > 0)
                .toArray();
        if (items.length == 0) {
            throw new IllegalArgumentException("no known item has features: nothing to fit the new-item table to");
        }
        shuffle(items, new SplittableRandom(seed ^ 0x7AB1EL));
        int validation = items.length < 10 ? 0 : (int) Math.round(items.length * VALIDATION_SHARE);
        int[] held = Arrays.copyOfRange(items, 0, validation);
        int[] rest = Arrays.copyOfRange(items, validation, items.length);
        double bestRidge = RIDGE_GRID[RIDGE_GRID.length / 2];
        double bestError = Double.NaN;
        for (double ridge : validation == 0 ? new double[0] : RIDGE_GRID) {
            double error = error(solve(features, known, rest, ridge), features, known, held);
            if (!(error >= bestError)) {
                bestError = error;
                bestRidge = ridge;
            }
        }
        double trainedError = validation == 0 ? Double.NaN : error(trained.embeddings(), features, known, held);
        return new Fit(solve(features, known, items, bestRidge), bestRidge, bestError, trainedError);
    }

    /** F* fitted to {@code items} (rows with features) with weight {@code ridge}. */
    static FloatTensor solve(ItemFeatures features, ItemEmbeddings known, int[] items, double ridge) {
        int v = features.numValues();
        int d = known.dim();
        double[] diagonal = new double[v];
        for (int i : items) {
            int[] f = features.itemRows(i);
            double w = 1.0 / f.length;
            for (int r : f) {
                diagonal[r - 1] += w * w;
            }
        }
        RealLinearOperator normal = operator(v, x -> {
            double[] out = new double[v];
            for (int i : items) {
                int[] f = features.itemRows(i);
                double w = 1.0 / f.length;
                double y = 0;
                for (int r : f) {
                    y += x[r - 1];
                }
                for (int r : f) {
                    out[r - 1] += w * w * y;
                }
            }
            for (int k = 0; k < v; k++) {
                out[k] += ridge * x[k];
            }
            return out;
        });
        RealLinearOperator jacobi = operator(v, x -> {
            double[] out = new double[v];
            for (int k = 0; k < v; k++) {
                out[k] = x[k] / (diagonal[k] + ridge);
            }
            return out;
        });
        ConjugateGradient solver = new ConjugateGradient(MAX_ITERATIONS, TOLERANCE, false);
        double[][] b = new double[d][v]; // A^T E', one column of F per row here
        for (int i : items) {
            int[] f = features.itemRows(i);
            float[] e = known.row(i);
            for (int j = 0; j < d; j++) {
                for (int r : f) {
                    b[j][r - 1] += e[j] / (double) f.length;
                }
            }
        }
        float[] table = new float[(v + 1) * d];
        for (int j = 0; j < d; j++) {
            RealVector x = solver.solve(normal, jacobi, new ArrayRealVector(b[j], false));
            for (int k = 0; k < v; k++) {
                table[(k + 1) * d + j] = (float) x.getEntry(k);
            }
        }
        return new FloatTensor(new long[] {v + 1L, d}, table);
    }

    /** Mean over {@code items} of || mean(table[features(i)]) - E'[i] ||^2; NaN for no items. */
    static double error(FloatTensor table, ItemFeatures features, ItemEmbeddings known, int[] items) {
        int d = known.dim();
        float[] t = table.data();
        double sum = 0;
        for (int i : items) {
            int[] f = features.itemRows(i);
            float[] e = known.row(i);
            for (int j = 0; j < d; j++) {
                double p = 0;
                for (int r : f) {
                    p += t[r * d + j];
                }
                double diff = p / f.length - e[j];
                sum += diff * diff;
            }
        }
        return items.length == 0 ? Double.NaN : sum / items.length;
    }

    private static RealLinearOperator operator(int size, UnaryOperator<double[]> apply) {
        return new RealLinearOperator() {
            @Override
            public int getRowDimension() {
                return size;
            }

            @Override
            public int getColumnDimension() {
                return size;
            }

            @Override
            public RealVector operate(RealVector x) {
                return new ArrayRealVector(apply.apply(x.toArray()), false);
            }
        };
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
