package org.seqrec.trainer.train;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.seqrec.model.ModelType;

/**
 * The training settings a model type gets when the run does not name them: {@code --dropout},
 * {@code --lr} and {@code --weight-decay}. Most types share {@link #STANDARD}; the others are listed
 * here, each with where its values come from (docs/trainer.md, "Defaults"; the measurements in
 * docs/benchmarks.md).
 *
 * @param dropout the dropout rate
 * @param learningRate Adam's learning rate
 * @param weightDecay Adam's L2 penalty
 */
public record ModelDefaults(float dropout, float learningRate, float weightDecay) {
    /** SASRec's settings, every type not listed in {@link #BY_TYPE}. */
    public static final ModelDefaults STANDARD =
            new ModelDefaults(TrainingConfig.DEFAULT_DROPOUT, TrainingConfig.DEFAULT_LEARNING_RATE, 0f);

    private static final Map<String, ModelDefaults> BY_TYPE = new LinkedHashMap<>();

    static {
        // Beauty: validation NDCG@10 0.0487 at epoch 15 with dropout 0.3, 0.0488 at epoch 28 with 0.5
        // (lr 0.002 both): level, so the faster one
        BY_TYPE.put("gru4rec", new ModelDefaults(0.3f, 0.002f, 0f));
        // CE-SCE-LLMRec's Caser configuration for Beauty (dropout 0.7, lr 0.005, weight decay 5e-4);
        // with SASRec's settings Caser stopped 9% below that paper's figure, with these 9% above it
        BY_TYPE.put("caser", new ModelDefaults(0.7f, 0.005f, 0.0005f));
    }

    /** The defaults of {@code type}. */
    public static ModelDefaults of(ModelType type) {
        return BY_TYPE.getOrDefault(type.name(), STANDARD);
    }

    /**
     * The help text's default of one setting: the standard value, then each type that differs, e.g.
     * {@code 0.2; gru4rec 0.3, caser 0.7}.
     */
    public static String describe(Function<ModelDefaults, Float> setting) {
        List<String> parts = new ArrayList<>();
        BY_TYPE.forEach((type, defaults) -> {
            float v = setting.apply(defaults);
            if (v != setting.apply(STANDARD)) {
                parts.add(type + " " + plain(v));
            }
        });
        return plain(setting.apply(STANDARD)) + (parts.isEmpty() ? "" : "; " + String.join(", ", parts));
    }

    /** {@code v} as its shortest plain decimal, e.g. 0.0001. */
    public static String plain(float v) {
        return new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }
}
