package org.seqrec.nn.cpu;

import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SasRecNetwork;
import org.seqrec.nn.TimeCodes;

/**
 * SASRec's user vector in plain Java: the DJL {@code SasRecNetwork} at inference (no dropout) for the
 * last position only. With n = min(|history|, L) the latest items, position p = L - n + i holds item
 * i: {@code x_i = E[row_i] sqrt(D) + P[p]}; the {@link TransformerStack} (causal, ReLU feed-forward of
 * width D, the config's layer-norm placement) runs over those n rows, the last block for the last
 * row only; pre-layer-norm ends with {@code final_norm}. An empty history gives what the DJL network
 * gives for an all-padding row: {@code LN_final(0) = final_norm.beta} (pre) or 0 (post).
 *
 * <p>A time-reading config ({@code time_features gap_hour}) adds {@code T[code_i]} to {@code x_i}, T =
 * the (32 * 25, D) table {@code G[gap] + H[hour]} built once from {@code time_gap_embedding} and
 * {@code time_hour_embedding} (in float, the order DJL adds them), code_i the history's
 * {@link TimeCodes} at item i.
 *
 * <p>Reads {@code item_embedding} E (n + 1, D) ({@link Networks#ITEM_EMBEDDING}), {@code position_embedding}
 * (L, D), the blocks' parameters and, for pre-layer-norm, {@code final_norm.*} (D). Tensors: B
 * histories, L = maxLen, D = dim, H heads. Thread safety as {@link CpuSequenceNetwork}.
 */
public final class CpuSasRec extends AbstractCpuNetwork<SasRecConfig, TransformerStack.Rows> {
    private final float[] items;
    /** P as (L, D) rows of their own, so that adding a row is a loop C2 vectorises. */
    private final float[][] positions;

    /** T (32 * 25, D) row-major, row = time code; null for a time-blind config. */
    private final float[] timeTable;

    private final float embeddingScale;
    private final TransformerStack blocks;
    /** Pre-layer-norm only; null for post. */
    private final LayerNorm finalNorm;

    private CpuSasRec(SasRecConfig config, ParameterReader p) {
        super(config);
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.positions = rows(p.get("position_embedding", config.maxLen(), d), config.maxLen(), d);
        this.timeTable = config.readsTimes()
                ? timeTable(
                        p.get(SasRecNetwork.TIME_GAP_EMBEDDING, TimeCodes.GAP_BUCKETS, d),
                        p.get(SasRecNetwork.TIME_HOUR_EMBEDDING, TimeCodes.HOURS, d),
                        d)
                : null;
        this.embeddingScale = (float) Math.sqrt(d);
        this.blocks = TransformerStack.read(
                p, config.blocks(), d, config.heads(), d, config.layerNorm(), true, Activation.RELU);
        this.finalNorm = config.layerNorm() == LayerNormPlacement.PRE ? p.layerNorm("final_norm", d) : null;
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuSasRec of(SasRecConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuSasRec of(SasRecConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuSasRec(config, new ParameterReader(parameters, kernel));
    }

    private static float[] timeTable(float[] gaps, float[] hours, int d) {
        float[] t = new float[TimeCodes.CODES * d];
        for (int g = 0; g < TimeCodes.GAP_BUCKETS; g++) {
            for (int h = 0; h < TimeCodes.HOURS; h++) {
                int row = (g * TimeCodes.HOURS + h) * d;
                for (int j = 0; j < d; j++) {
                    t[row + j] = gaps[g * d + j] + hours[h * d + j];
                }
            }
        }
        return t;
    }

    @Override
    TransformerStack.Rows newScratch() {
        return blocks.newRows(config.maxLen());
    }

    /**
     * @throws IllegalArgumentException for a time-reading config, which needs the history's time codes
     */
    @Override
    void encode(int[] history, TransformerStack.Rows s, float[] user) {
        if (timeTable != null) {
            throw new IllegalArgumentException("this SASRec reads event times (time_features "
                    + config.timeFeatures().id() + "): give each history's time codes");
        }
        encode(history, null, s, user);
    }

    @Override
    void encode(int[] history, int[] timeCodes, TransformerStack.Rows s, float[] user) {
        int d = config.dim();
        int len = config.maxLen();
        int n = Math.min(history.length, len);
        if (n == 0) {
            if (finalNorm != null) {
                finalNorm.apply(new float[d], user);
            }
            return;
        }
        int skip = history.length - n;
        for (int i = 0; i < n; i++) {
            float[] x = s.x[i];
            float[] p = positions[len - n + i];
            System.arraycopy(items, row(history, skip + i) * d, x, 0, d);
            for (int j = 0; j < d; j++) {
                x[j] = x[j] * embeddingScale + p[j];
            }
            if (timeTable != null) {
                int code = timeCodes[skip + i];
                if (code < 0 || code >= TimeCodes.CODES) {
                    throw new IllegalArgumentException("time code " + code + " outside 0.." + (TimeCodes.CODES - 1));
                }
                int t = code * d;
                for (int j = 0; j < d; j++) {
                    x[j] += timeTable[t + j];
                }
            }
        }
        blocks.forwardLast(s.x, n, s.blocks);
        if (finalNorm != null) {
            finalNorm.apply(s.x[n - 1], user);
        } else {
            System.arraycopy(s.x[n - 1], 0, user, 0, d);
        }
    }
}
