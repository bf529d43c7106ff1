package org.seqrec.trainer.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.trainer.data.CsvColumns;
import org.seqrec.trainer.data.DataFileException;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.InteractionReader;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.data.Sessions;
import org.seqrec.trainer.report.Durations;
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

    @Option(
            names = "--sessions",
            paramLabel = "GAP",
            description = "Cut each user's log into sessions at inactivity gaps longer than GAP (e.g. 30m, 1h, 2d; a"
                    + " bare number is seconds) and treat every session of 2+ events as a user of its own: the split,"
                    + " training and evaluation then work per session. Needs event times (csv, tsv, pairs with a"
                    + " time column). Default: whole user histories.")
    String sessions;

    /** The gap of {@code --sessions}, null without it; a bad value is a usage error. */
    Duration sessionGap() {
        if (sessions == null) {
            return null;
        }
        try {
            return Durations.parse("--sessions", sessions, Sessions.MIN_GAP, Sessions.MAX_GAP);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Reads the log, cut into sessions with {@code --sessions}; bad options are a usage error, bad data
     * a {@link DataFileException}.
     */
    InteractionData read(ItemIndexer indexer) throws DataFileException {
        CsvColumns columns;
        try {
            columns = new CsvColumns(userColumn, itemColumn, timeColumn);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Duration gap = sessionGap();
        InteractionData data = InteractionReader.read(input, format, columns, indexer);
        if (gap == null) {
            return data;
        }
        try {
            return Sessions.cut(data, gap);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** What the artifact's {@code training_data} records of these options: the format, and the session gap. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format.cliName());
        Duration gap = sessionGap();
        if (gap != null) {
            m.put("sessions", Durations.brief(gap));
        }
        return m;
    }
}
