package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.CaserConfig;
import org.seqrec.nn.Networks;

/**
 * Caser's user vector in plain Java: the DJL {@code CaserNetwork.userVectors} at inference, which
 * reads only the last w = window items. The window X (w, D) holds {@code input_embedding} rows of the
 * latest w items, padding slots (a history shorter than w) zero, oldest first. Then
 * <ul>
 *   <li>vertical: {@code o_v[f D + d] = b_v[f] + sum_s W_v[f, s] X[s, d]} for the n_v filters;
 *   <li>horizontal, for each height h = 1..w and filter f: the max over placements
 *       {@code st = 0 .. w - h} of {@code ReLU(b_h[f] + sum_(k < h, d) W_h[f, d, k] X[st + k, d])}, stored
 *       at {@code (h - 1) n_h + f};
 *   <li>{@code u = ReLU(W_fc [o_v; o_h] + b_fc)}.
 * </ul>
 * Each horizontal filter of height h is a {@link Dense} over the h D values of the window rows it
 * covers, contiguous in the flattened window.
 *
 * <p>Reads {@code input_embedding} (n + 1, D), {@code horizontal{h}.weight} (n_h, D, h) and
 * {@code .bias} (n_h), {@code vertical.weight} (n_v, w) and {@code .bias} (n_v), {@code fc.weight}
 * (D, n_v D + w n_h) and {@code fc.bias} (D); {@code item_embedding} (the output matrix) must be given
 * and is not read. Thread safety as {@link CpuSequenceNetwork}.
 */
public final class CpuCaser extends AbstractCpuNetwork<CaserConfig, CpuCaser.Scratch> {
    private final float[] inputEmbedding;
    /** [h - 1]: the filters of height h over h D inputs, laid out (k, d). */
    private final Dense[] horizontal;

    private final float[] verticalWeight;
    private final float[] verticalBias;
    private final Dense fc;

    private CpuCaser(CaserConfig config, ParameterReader p) {
        super(config);
        int d = config.dim();
        int w = config.window();
        int f = config.hFilters();
        p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.inputEmbedding = p.get("input_embedding", config.numItems() + 1, d);
        this.horizontal = new Dense[w];
        for (int h = 1; h <= w; h++) {
            float[] conv = p.get("horizontal" + h + ".weight", f, d, h);
            // (n_h, D, h) -> (n_h, h * D) with input index k * D + d
            float[] byRow = new float[f * h * d];
            for (int filter = 0; filter < f; filter++) {
                for (int c = 0; c < d; c++) {
                    for (int k = 0; k < h; k++) {
                        byRow[filter * h * d + k * d + c] = conv[(filter * d + c) * h + k];
                    }
                }
            }
            horizontal[h - 1] = Dense.of(byRow, p.get("horizontal" + h + ".bias", f), h * d, f, p.kernel());
        }
        this.verticalWeight = p.get("vertical.weight", config.vFilters(), w);
        this.verticalBias = p.get("vertical.bias", config.vFilters());
        this.fc = p.dense("fc", config.concatWidth(), d);
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuCaser of(CaserConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuCaser of(CaserConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuCaser(config, new ParameterReader(parameters, kernel));
    }

    /** Working memory: the flattened window (w D), the concatenation z and one filter row. */
    static final class Scratch {
        final float[] window;
        final float[] z;
        final float[] conv;

        Scratch(float[] window, float[] z, float[] conv) {
            this.window = window;
            this.z = z;
            this.conv = conv;
        }
    }

    @Override
    Scratch newScratch() {
        return new Scratch(
                new float[config.window() * config.dim()],
                new float[config.concatWidth()],
                new float[config.hFilters()]);
    }

    @Override
    void encode(int[] history, Scratch s, float[] user) {
        int d = config.dim();
        int w = config.window();
        int nh = config.hFilters();
        int n = Math.min(history.length, w);
        float[] x = s.window;
        Arrays.fill(x, 0, (w - n) * d, 0f);
        for (int i = 0; i < n; i++) {
            System.arraycopy(inputEmbedding, row(history, history.length - n + i) * d, x, (w - n + i) * d, d);
        }
        float[] z = s.z;
        for (int f = 0; f < config.vFilters(); f++) {
            int base = f * d;
            Arrays.fill(z, base, base + d, verticalBias[f]);
            for (int slot = 0; slot < w; slot++) {
                float a = verticalWeight[f * w + slot];
                int xo = slot * d;
                for (int c = 0; c < d; c++) {
                    z[base + c] += a * x[xo + c];
                }
            }
        }
        int out = config.vFilters() * d;
        for (int h = 1; h <= w; h++) {
            int base = out + (h - 1) * nh;
            Arrays.fill(z, base, base + nh, 0f);
            for (int start = 0; start + h <= w; start++) {
                horizontal[h - 1].apply(x, start * d, s.conv, 0, nh);
                for (int f = 0; f < nh; f++) {
                    z[base + f] = Math.max(z[base + f], s.conv[f]);
                }
            }
        }
        fc.apply(z, user);
        Activation.RELU.apply(user, d);
    }
}
