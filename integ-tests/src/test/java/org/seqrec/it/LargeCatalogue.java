package org.seqrec.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;

/**
 * A trained artifact grown into a large catalogue: its items keep their rows (so its encoder and
 * what it learned are unchanged), and {@code extra} generated items {@code g1..gN} are appended.
 * Deterministic for a seed.
 */
public final class LargeCatalogue {
    private LargeCatalogue() {}

    /**
     * Generated items in random directions (Gaussian), each of norm {@code normScale} times the
     * trained rows' median norm: with {@code normScale} well below 1 they score below the items a
     * confident model ranks first, so its planted answers stay on top, and they are all distinct
     * (thousands of near-copies of one row would make a needlessly hard graph).
     */
    public static ModelArtifact growRandom(ModelArtifact base, int extra, float normScale, long seed) {
        int n = base.manifest().numItems();
        int dim = base.manifest().embeddingDim();
        float[] src = base.itemEmbeddings().asTensor().data();
        double[] norms = new double[n];
        for (int r = 1; r <= n; r++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (double) src[r * dim + j] * src[r * dim + j];
            }
            norms[r - 1] = Math.sqrt(s);
        }
        java.util.Arrays.sort(norms);
        double target = normScale * norms[n / 2];
        Random rnd = new Random(seed);
        float[] data = extend(src, n, extra, dim);
        float[] v = new float[dim];
        for (int r = n + 1; r <= n + extra; r++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                v[j] = (float) rnd.nextGaussian();
                s += (double) v[j] * v[j];
            }
            float c = (float) (target / Math.sqrt(s));
            for (int j = 0; j < dim; j++) {
                data[r * dim + j] = c * v[j];
            }
        }
        return artifact(base, extra, data);
    }

    /**
     * Each generated item a randomly drawn trained row times {@code scale} plus Gaussian noise of
     * {@code noise} times the trained rows' standard deviation per dimension: with {@code scale} 1
     * the catalogue keeps the trained rows' norm and direction spread (RetrievalBenchmark's
     * catalogue, docs/benchmarks.md).
     */
    public static ModelArtifact grow(ModelArtifact base, int extra, float scale, double noise, long seed) {
        int n = base.manifest().numItems();
        int dim = base.manifest().embeddingDim();
        float[] src = base.itemEmbeddings().asTensor().data();
        float[] sigma = new float[dim];
        for (int j = 0; j < dim; j++) {
            double mean = 0;
            double sq = 0;
            for (int r = 1; r <= n; r++) {
                double v = src[r * dim + j];
                mean += v / n;
                sq += v * v / n;
            }
            sigma[j] = (float) (noise * Math.sqrt(Math.max(0, sq - mean * mean)));
        }
        int rows = n + extra + 1;
        float[] data = extend(src, n, extra, dim);
        Random rnd = new Random(seed);
        for (int r = n + 1; r < rows; r++) {
            int from = 1 + rnd.nextInt(n);
            for (int j = 0; j < dim; j++) {
                data[r * dim + j] = scale * src[from * dim + j] + sigma[j] * (float) rnd.nextGaussian();
            }
        }
        return artifact(base, extra, data);
    }

    private static float[] extend(float[] src, int n, int extra, int dim) {
        float[] data = new float[(n + extra + 1) * dim];
        System.arraycopy(src, 0, data, 0, (n + 1) * dim);
        return data;
    }

    private static ModelArtifact artifact(ModelArtifact base, int extra, float[] data) {
        int n = base.manifest().numItems();
        int dim = base.manifest().embeddingDim();
        int rows = n + extra + 1;
        List<String> ids = new ArrayList<>(base.vocabulary().ids());
        for (int i = 1; i <= extra; i++) {
            ids.add("g" + i);
        }
        Manifest m = base.manifest();
        Manifest grown = new Manifest(
                m.formatVersion(),
                m.modelType(),
                m.hyperParameters(),
                dim,
                m.maxSeqLen(),
                n + extra,
                null,
                m.trainingData(),
                m.metrics(),
                m.createdAt(),
                m.trainerVersion());
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(grown)
                .setVocabulary(ItemVocabulary.of(ids))
                .setItemEmbeddings(new FloatTensor(new long[] {rows, dim}, data));
        base.parameters().forEach(b::addParameter);
        return b.build();
    }
}
