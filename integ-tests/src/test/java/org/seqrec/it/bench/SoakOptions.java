package org.seqrec.it.bench;

import static org.seqrec.it.CliValues.checkRange;
import static org.seqrec.it.CliValues.parseInt;
import static org.seqrec.it.CliValues.parseLong;
import static org.seqrec.it.CliValues.path;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqrec.it.CliValues;

/**
 * The knobs of the soak ({@link ServingSoak}), parsed from {@code --name value} arguments. Every
 * value is checked here; a bad argument fails with {@link IllegalArgumentException} naming the
 * option and its allowed range.
 *
 * @param artifact the first model, uploaded at the start and every second replacement; empty: train
 *     a SASRec on {@code data} with {@code seed}
 * @param second what the other replacements upload
 * @param secondArtifact the file of {@link Second#FILE}, else empty
 * @param data the interaction log in the {@code sequences} format: training data, and the source of
 *     the histories (every distinct 50-item window, {@link BenchUsers#windows})
 * @param epochs training epochs of each trained model, 1..50
 * @param clients concurrent clients, 1..256; request {@code n} is a {@code match} + {@code seqrec}
 *     rescore or a {@code seqrec} query, alternately
 * @param duration how long the clients send requests, 10s..24h
 * @param replaceEvery the period of the model replacements, 10s..24h and shorter than the duration
 * @param out folder receiving {@code soak.md}, {@code soak.json} and trained models
 * @param heap the node's JVM heap (both {@code -Xms} and {@code -Xmx}), e.g. {@code 2g}
 * @param seed seed of the training, the history order and the catalogue titles
 */
public record SoakOptions(
        Optional<Path> artifact,
        Second second,
        Optional<Path> secondArtifact,
        Path data,
        int epochs,
        int clients,
        Duration duration,
        Duration replaceEvery,
        Path out,
        String heap,
        long seed) {

    /** What the replacements alternate with the first model. */
    public enum Second {
        /** a second SASRec trained like the first with seed {@code seed + 1}: other weights, the same items */
        TRAIN,
        /** the first model's file again: every upload is still a new version (a new upload id) */
        SAME,
        /** {@code --second-artifact FILE}, which must have the first model's items */
        FILE
    }

    public static final int DEFAULT_CLIENTS = 16;
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(30);
    public static final Duration DEFAULT_REPLACE_EVERY = Duration.ofMinutes(1);
    public static final Path DEFAULT_OUT = Path.of("target/soak-serving");
    private static final Duration MIN_DURATION = Duration.ofSeconds(10);
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h)");

    static final String USAGE = String.format(
            Locale.ROOT,
            """
            usage: scripts/soak-serving [--artifact FILE] [--second-artifact train|same|FILE] [--data FILE] [--epochs N]
                                        [--clients N] [--duration D] [--replace-every D] [--out DIR] [--heap SIZE]
                                        [--seed N]
              --artifact FILE          the first model (default: train a SASRec on --data, d 64, L 50, 2 blocks)
              --second-artifact WHAT   what every second replacement uploads (default train):
                                       train: a second SASRec trained like the first with seed --seed + 1;
                                       same: the first file again (each upload is still a new version);
                                       FILE: this .seqrec file, with the first model's items
              --data FILE              interaction log, format `sequences` (default %s)
              --epochs N               training epochs of each trained model, 1..50 (default %d)
              --clients N              concurrent clients, 1..256, alternating `match` + `seqrec` rescore and the
                                       `seqrec` query (default %d)
              --duration D             how long the clients send requests, e.g. 30m, 90s, 2h; 10s..24h (default %s)
              --replace-every D        upload a new version this often, shorter than --duration (default %s)
              --out DIR                where soak.md, soak.json and trained models go (default %s)
              --heap SIZE              the node's heap, e.g. 2g or 1536m (default %s)
              --seed N                 seed of training, history order and titles (default %d)""",
            ServingOptions.DEFAULT_DATA,
            ServingOptions.DEFAULT_EPOCHS,
            DEFAULT_CLIENTS,
            format(DEFAULT_DURATION),
            format(DEFAULT_REPLACE_EVERY),
            DEFAULT_OUT,
            ServingOptions.DEFAULT_HEAP,
            ServingOptions.DEFAULT_SEED);

    public SoakOptions {
        artifact = artifact == null ? Optional.empty() : artifact;
        secondArtifact = secondArtifact == null ? Optional.empty() : secondArtifact;
        if (data == null || out == null || second == null) {
            throw new IllegalArgumentException("--data, --out and --second-artifact need values");
        }
        if ((second == Second.FILE) != secondArtifact.isPresent()) {
            throw new IllegalArgumentException("--second-artifact: a file exactly when it names one");
        }
        checkRange("--epochs", epochs, 1, 50);
        checkRange("--clients", clients, 1, 256);
        checkDuration("--duration", duration);
        checkDuration("--replace-every", replaceEvery);
        if (replaceEvery.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("--replace-every (" + format(replaceEvery)
                    + ") must be shorter than --duration (" + format(duration) + ")");
        }
        if (heap == null || !heap.matches("[1-9]\\d*[mg]")) {
            throw new IllegalArgumentException("--heap must look like 2g or 1536m, got '" + heap + "'");
        }
    }

    public static SoakOptions defaults() {
        return new SoakOptions(
                Optional.empty(),
                Second.TRAIN,
                Optional.empty(),
                ServingOptions.DEFAULT_DATA,
                ServingOptions.DEFAULT_EPOCHS,
                DEFAULT_CLIENTS,
                DEFAULT_DURATION,
                DEFAULT_REPLACE_EVERY,
                DEFAULT_OUT,
                ServingOptions.DEFAULT_HEAP,
                ServingOptions.DEFAULT_SEED);
    }

    /** Replacements in the run: one at every multiple of {@code replaceEvery} before the end. */
    public int replacements() {
        long every = replaceEvery.toMillis();
        return (int) ((duration.toMillis() - 1) / every);
    }

    /**
     * Parses {@code --name value} pairs; options not given keep their defaults.
     *
     * @throws IllegalArgumentException for an unknown option, a missing or bad value
     */
    public static SoakOptions parse(String... args) {
        SoakOptions d = defaults();
        Optional<Path> artifact = d.artifact();
        Second second = d.second();
        Optional<Path> secondArtifact = d.secondArtifact();
        Path data = d.data();
        int epochs = d.epochs();
        int clients = d.clients();
        Duration duration = d.duration();
        Duration replaceEvery = d.replaceEvery();
        Path out = d.out();
        String heap = d.heap();
        long seed = d.seed();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            String value = CliValues.valueAfter(args, i).trim();
            switch (name) {
                case "--artifact" -> artifact = Optional.of(path(name, value));
                case "--second-artifact" -> {
                    switch (value) {
                        case "train" -> second = Second.TRAIN;
                        case "same" -> second = Second.SAME;
                        default -> second = Second.FILE;
                    }
                    secondArtifact = second == Second.FILE ? Optional.of(path(name, value)) : Optional.empty();
                }
                case "--data" -> data = path(name, value);
                case "--epochs" -> epochs = parseInt(name, value);
                case "--clients" -> clients = parseInt(name, value);
                case "--duration" -> duration = parseDuration(name, value);
                case "--replace-every" -> replaceEvery = parseDuration(name, value);
                case "--out" -> out = path(name, value);
                case "--heap" -> heap = value;
                case "--seed" -> seed = parseLong(name, value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        return new SoakOptions(
                artifact, second, secondArtifact, data, epochs, clients, duration, replaceEvery, out, heap, seed);
    }

    /** A number and a unit: {@code 90s}, {@code 30m}, {@code 2h}. */
    static Duration parseDuration(String name, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    name + " must be a number and a unit s, m or h (e.g. 30m, 90s), got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** The shortest of {@code 2h}, {@code 30m}, {@code 90s} that is exact. */
    static String format(Duration d) {
        long s = d.toSeconds();
        return s > 0 && s % 3600 == 0 ? s / 3600 + "h" : s > 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static void checkDuration(String name, Duration d) {
        if (d == null || d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(
                    name + " must be in 10s..24h, got " + (d == null ? "nothing" : format(d)));
        }
    }
}
