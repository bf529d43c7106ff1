package org.seqrec.trainer.bench;

import java.util.Objects;
import java.util.regex.Pattern;
import org.seqrec.trainer.train.TrainingConfig;

/**
 * One named configuration of a benchmark: the name labels its rows, plot lines and the
 * {@code <name>.seqrec} file of {@code --keep-models}.
 *
 * @param name {@link #NAME_RULE}: letters, digits, {@code _ . -}, starting with a letter or digit,
 *     at most 64 characters (it becomes a file name)
 * @param config the validated training configuration
 */
public record BenchmarkConfig(String name, TrainingConfig config) {
    /** What a name may look like. */
    public static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    public BenchmarkConfig {
        Objects.requireNonNull(config, "config");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME_RULE + " (letters, digits, _ . -, starting"
                    + " with a letter or digit, at most 64 characters), got '" + name + "'");
        }
    }

    /** The loss for tables: {@code -} for a counting baseline, which has none. */
    public String lossLabel() {
        return config.isBaseline() ? "-" : config.loss().id();
    }
}
