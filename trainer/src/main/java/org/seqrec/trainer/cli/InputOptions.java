package org.seqrec.trainer.cli;

import java.nio.file.Path;
import org.seqrec.trainer.data.CsvColumns;
import org.seqrec.trainer.data.DataFileException;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.InteractionReader;
import org.seqrec.trainer.data.ItemIndexer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The interaction log options shared by {@code train} and {@code evaluate}. */
final class InputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Interaction log to read.")
    Path input;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            converter = Converters.FormatConverter.class,
            description = "Input format: pairs (user item [time] per line, in time order), sequences (user item1 "
                    + "item2 ...), csv (header with user, item, timestamp columns), tsv (user item rating time, "
                    + "tab-separated, time in epoch seconds, e.g. MovieLens-100k u.data).")
    InputFormat format;

    @Option(
            names = "--user-col",
            defaultValue = "user",
            paramLabel = "NAME",
            description = "csv: user id column (default: ${DEFAULT-VALUE}).")
    String userColumn;

    @Option(
            names = "--item-col",
            defaultValue = "item",
            paramLabel = "NAME",
            description = "csv: item id column (default: ${DEFAULT-VALUE}).")
    String itemColumn;

    @Option(
            names = "--time-col",
            defaultValue = "timestamp",
            paramLabel = "NAME",
            description = "csv: timestamp column, numbers or ISO-8601 (default: ${DEFAULT-VALUE}).")
    String timeColumn;

    /** Reads the log; bad column options are a usage error, bad data a {@link DataFileException}. */
    InteractionData read(ItemIndexer indexer) throws DataFileException {
        CsvColumns columns;
        try {
            columns = new CsvColumns(userColumn, itemColumn, timeColumn);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return InteractionReader.read(input, format, columns, indexer);
    }
}
