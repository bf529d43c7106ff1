package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.synthetic.DailyDriftData;
import org.seqrec.trainer.synthetic.PlantedPatternData;
import org.seqrec.trainer.synthetic.ShopCatalogue;
import org.seqrec.trainer.synthetic.SyntheticLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: writes synthetic data, deterministic by seed.
 * <ul>
 *   <li>{@code planted}: {@code planted.txt|csv} (noise with planted item chains) and
 *       {@code planted-chains.txt} (one chain per line, items in order);</li>
 *   <li>{@code shop}: {@code shop-events.txt|csv} (sessions with interest drift),
 *       {@code catalogue.ndjson} (one product document per line) and {@code catalogue-bulk.ndjson}
 *       (an OpenSearch {@code _bulk} body for the index given by {@code --index});</li>
 *   <li>{@code daily}: {@code daily.csv|txt} (interests that follow the time of day, returns after
 *       gaps of varied length: {@link DailyDriftData}).</li>
 * </ul>
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Write synthetic interaction logs (and a product catalogue) for demos and tests.")
final class GenerateCommand implements Callable<Integer> {
    private static final int MAX_USERS = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--kind",
            paramLabel = "K",
            required = true,
            description = "planted (item chains in noise), shop (catalogue + sessions) or daily (interests that "
                    + "follow the time of day; for time-aware models).")
    String kind;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Folder to write into (created if missing).")
    Path out;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--users",
            paramLabel = "N",
            description = "Number of users (default: 600 for planted, 1000 for shop, 2000 for daily).")
    Integer users;

    @Option(
            names = "--format",
            paramLabel = "F",
            converter = Converters.FormatConverter.class,
            description = "Log format: pairs, sequences, csv or tsv (default: pairs for planted, csv for shop and "
                    + "daily).")
    InputFormat format;

    @Option(
            names = "--index",
            paramLabel = "NAME",
            defaultValue = "products",
            description = "shop: index name in catalogue-bulk.ndjson (default: ${DEFAULT-VALUE}).")
    String index;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (users != null && (users < 1 || users > MAX_USERS)) {
            throw new ParameterException(spec.commandLine(), "--users must be in 1.." + MAX_USERS + ", got " + users);
        }
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        InputFormat logFormat;
        Path log;
        switch (kind) {
            case "planted" -> {
                PlantedPatternData.Settings d = PlantedPatternData.Settings.defaults(seed);
                PlantedPatternData planted = PlantedPatternData.generate(new PlantedPatternData.Settings(
                        users == null ? d.users() : users,
                        d.noiseItems(),
                        d.chains(),
                        d.chainLength(),
                        d.minLength(),
                        d.maxLength(),
                        d.chainProbability(),
                        seed));
                logFormat = format == null ? InputFormat.PAIRS : format;
                log = writeLog(planted.log(), "planted", logFormat, written);
                Path chains = out.resolve("planted-chains.txt");
                Files.write(
                        chains,
                        planted.chains().stream().map(c -> String.join(" ", c)).toList());
                written.add(chains);
            }
            case "shop" -> {
                ShopCatalogue.Settings d = ShopCatalogue.Settings.defaults(seed);
                ShopCatalogue shop = ShopCatalogue.generate(new ShopCatalogue.Settings(
                        users == null ? d.users() : users,
                        d.stagesMin(),
                        d.stagesMax(),
                        d.viewsMin(),
                        d.viewsMax(),
                        d.styleAffinity(),
                        seed));
                logFormat = format == null ? InputFormat.CSV : format;
                log = writeLog(shop.log(), "shop-events", logFormat, written);
                Path catalogue = out.resolve("catalogue.ndjson");
                shop.writeCatalogue(catalogue);
                written.add(catalogue);
                Path bulk = out.resolve("catalogue-bulk.ndjson");
                shop.writeBulk(bulk, index);
                written.add(bulk);
            }
            case "daily" -> {
                DailyDriftData.Settings d = DailyDriftData.Settings.defaults(seed);
                DailyDriftData daily = DailyDriftData.generate(new DailyDriftData.Settings(
                        users == null ? d.users() : users,
                        d.itemsPerCategory(),
                        d.favourites(),
                        d.minEvents(),
                        d.maxEvents(),
                        d.maxSession(),
                        d.maxAwayDays(),
                        seed));
                logFormat = format == null ? InputFormat.CSV : format;
                log = writeLog(daily.log(), "daily", logFormat, written);
            }
            default ->
                throw new ParameterException(
                        spec.commandLine(), "--kind must be one of [planted, shop, daily], got '" + kind + "'");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path p : written) {
            stdout.println("wrote " + p);
        }
        stdout.println("train on it: seqrec-trainer train --input " + log + " --format " + logFormat.cliName()
                + " --out " + out.resolve(kind + ".seqrec"));
        stdout.flush();
        return 0;
    }

    private Path writeLog(SyntheticLog log, String name, InputFormat logFormat, List<Path> written)
            throws java.io.IOException {
        Path file = out.resolve(name + (logFormat == InputFormat.CSV ? ".csv" : ".txt"));
        log.write(file, logFormat);
        written.add(file);
        return file;
    }
}
