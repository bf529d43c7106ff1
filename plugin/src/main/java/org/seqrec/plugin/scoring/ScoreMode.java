package org.seqrec.plugin.scoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a hit's weighted first-pass score and its weighted model score become one score. Same
 * meanings as OpenSearch's query rescorer ({@code total}, {@code multiply}, {@code avg},
 * {@code max}, {@code min}), plus {@code replace}, which keeps only the model score.
 *
 * <p>Arguments are already weighted: {@code primary = firstPass * query_weight} and
 * {@code secondary = modelScore * rescore_query_weight}.
 */
public enum ScoreMode {
    TOTAL("sum") {
        @Override
        public float combine(float primary, float secondary) {
            return primary + secondary;
        }
    },
    MULTIPLY("product") {
        @Override
        public float combine(float primary, float secondary) {
            return primary * secondary;
        }
    },
    AVG("avg") {
        @Override
        public float combine(float primary, float secondary) {
            return (primary + secondary) / 2f;
        }
    },
    MAX("max") {
        @Override
        public float combine(float primary, float secondary) {
            return Math.max(primary, secondary);
        }
    },
    MIN("min") {
        @Override
        public float combine(float primary, float secondary) {
            return Math.min(primary, secondary);
        }
    },
    REPLACE("model score") {
        @Override
        public float combine(float primary, float secondary) {
            return secondary;
        }
    };

    private final String explainName;

    ScoreMode(String explainName) {
        this.explainName = explainName;
    }

    /** The combined score. */
    public abstract float combine(float primary, float secondary);

    /** The word used in score explanations, e.g. {@code sum of:}. */
    public String explainName() {
        return explainName;
    }

    /** The name used in the search DSL. */
    public String dslName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a DSL name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ScoreMode parse(String value) {
        if (value != null) {
            for (ScoreMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("[score_mode] must be one of " + allowed() + ", got [" + value + "]");
    }

    static String allowed() {
        return Arrays.stream(values()).map(ScoreMode::dslName).collect(Collectors.joining(", "));
    }
}
