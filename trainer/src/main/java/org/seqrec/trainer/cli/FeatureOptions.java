package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seqrec.trainer.data.DataFileException;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemFeatureReader;
import org.seqrec.trainer.train.FeatureInput;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}'s item-feature options (docs/trainer.md, "Item features"). */
final class FeatureOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--item-features",
            paramLabel = "FILE",
            description = "Item features: JSON (item -> list of feature ids, or item -> {field: values}) or CSV "
                    + "(an item column and feature columns). Every network then represents an item as its id "
                    + "embedding plus the mean of its feature embeddings.")
    Path file;

    @Option(
            names = "--feature-item-col",
            defaultValue = "item",
            paramLabel = "NAME",
            description = "CSV item features: the item id column (default: ${DEFAULT-VALUE}).")
    String itemColumn;

    @Option(
            names = "--feature-cols",
            split = ",",
            paramLabel = "NAME",
            description = "CSV item features: the feature columns (default: every column but the item column).")
    List<String> columns = List.of();

    @Option(
            names = "--feature-id-dropout",
            paramLabel = "P",
            description = "With --item-features: probability of dropping an item's id embedding in a training "
                    + "pass, so its features alone learn to place it (new items), in [0, 1) (default: 0.1).")
    Float idDropout;

    /** Fails before the data is read when feature options come without --item-features or are out of range. */
    void check() {
        if (file == null) {
            for (String flag : List.of("--feature-item-col", "--feature-cols", "--feature-id-dropout")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                    throw new ParameterException(spec.commandLine(), flag + " needs --item-features");
                }
            }
        }
        if (idDropout != null && !(idDropout >= 0 && idDropout < 1)) {
            throw new ParameterException(
                    spec.commandLine(), "--feature-id-dropout must be in [0, 1), got " + idDropout);
        }
    }

    /** The features for {@code data}'s catalogue, or null without --item-features; a summary goes to {@code err}. */
    FeatureInput read(InteractionData data, PrintWriter err) throws DataFileException {
        if (file == null) {
            return null;
        }
        ItemFeatureReader.Result r = ItemFeatureReader.read(file, data.vocabulary(), itemColumn, columns);
        err.printf(
                Locale.ROOT,
                "item features %s: fields %s, %d values; %d of %d items have features (%d items of the file are"
                        + " not in the log)%n",
                file,
                r.features().fields(),
                r.features().numValues(),
                r.coveredItems(),
                data.numItems(),
                r.unknownItems());
        err.flush();
        return new FeatureInput(r.features(), idDropout == null ? FeatureInput.DEFAULT_ID_DROPOUT : idDropout);
    }
}
