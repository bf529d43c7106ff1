package org.seqrec.it.bench;

import static org.seqrec.it.CliValues.checkRange;
import static org.seqrec.it.CliValues.parseInt;
import static org.seqrec.it.CliValues.parseLong;
import static org.seqrec.it.CliValues.path;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.seqrec.it.CliValues;

/**
 * The knobs of {@link ServingBenchmark}, parsed from {@code --name value} arguments. Every value is
 * checked here, so the rest of the benchmark holds valid ones; a bad argument fails with
 * {@link IllegalArgumentException} naming the option and its allowed range.
 *
 * @param artifact a trained {@code .seqrec} file to serve; empty: train a SASRec on {@code data}
 * @param data the interaction log in the {@code sequences} format ({@code user item1 item2 ...},
 *     oldest first): training data when no artifact is given, and the source of the histories
 *     and of the events index
 * @param requests measured requests per cell (request kind x client count), 10..100000
 * @param warmup requests per kind sent before any cell is measured, at the highest client count, 0..100000
 * @param clients concurrent clients of the cells, each 1..256, distinct, in the order given
 * @param kinds request kinds to measure, in the order given; {@link RequestKind#MATCH}, the reference
 *     of every ratio, is always measured (added first when missing), and so is
 *     {@link RequestKind#MATCH_QUERY_RESCORE}, the reference of the {@code seqrec} rescore rows, when one
 *     of those is measured (added after the match when missing)
 * @param epochs training epochs when no artifact is given, 1..50
 * @param users how many users with a full history are sampled for histories and events in
 *     {@link HistoryMode#REPEAT} mode, 1..10000
 * @param histories how requests get their histories ({@link HistoryMode})
 * @param out folder receiving {@code serving.md}, {@code serving.json} and a trained model
 * @param heap the node's JVM heap (both {@code -Xms} and {@code -Xmx}), e.g. {@code 2g}
 * @param cellSeconds the time limit of one cell's measured requests, 1..3600; a cell that reaches it
 *     stops early and is marked as such
 * @param seed seed of the user sample, the request order and the catalogue titles
 */
public record ServingOptions(
        Optional<Path> artifact,
        Path data,
        int requests,
        int warmup,
        List<Integer> clients,
        List<RequestKind> kinds,
        int epochs,
        int users,
        HistoryMode histories,
        Path out,
        String heap,
        int cellSeconds,
        long seed,
        Map<String, String> nodeSettings) {

    public static final Path DEFAULT_DATA = Path.of("../shared/datasets/beauty-s3rec/Beauty.txt");
    public static final int DEFAULT_REQUESTS = 400;
    /** One warm-up pass; the benchmark repeats it until the node's JIT settles (ServingBenchmark#warmUp). */
    public static final int DEFAULT_WARMUP = 1000;

    public static final List<Integer> DEFAULT_CLIENTS = List.of(1, 4, 16);
    public static final int DEFAULT_EPOCHS = 1;
    public static final int DEFAULT_USERS = 128;
    public static final HistoryMode DEFAULT_HISTORIES = HistoryMode.DISTINCT;
    public static final Path DEFAULT_OUT = Path.of("target/bench-serving");
    public static final String DEFAULT_HEAP = "2g";
    public static final int DEFAULT_CELL_SECONDS = 300;
    public static final long DEFAULT_SEED = 42;

    static final String USAGE = String.format(
            Locale.ROOT,
            """
            usage: scripts/bench-serving [--artifact FILE] [--data FILE] [--requests N] [--warmup N] [--clients 1,4,16]
                                         [--kinds K,K,...] [--epochs N] [--histories distinct|repeat] [--users N]
                                         [--out DIR] [--heap SIZE] [--cell-seconds S] [--seed N]
                                         [--node-setting KEY=VALUE]...
              --artifact FILE   serve this .seqrec model (default: train a SASRec on --data, d 64, L 50, 2 blocks)
              --data FILE       interaction log, format `sequences` (default %s)
              --requests N      measured requests per cell (kind x clients), 10..100000 (default %d)
              --warmup N        requests per kind before the first cell, at the highest client count, sent
                                again (up to 20 passes) while the node's JIT takes over 3%% of its CPU (default %d)
              --clients LIST    concurrent clients, comma-separated, each 1..256 (default %s)
              --kinds LIST      request kinds, comma-separated (default: all): %s
                                `match` is always measured: it is the reference of the ratios; so is
                                `match-query-rescore` when a `match-seqrec-rescore*` kind is
              --epochs N        training epochs without --artifact, 1..50 (default %d; quality does not
                                matter for serving cost)
              --histories MODE  distinct (default): every request with a history gets one no other request
                                of the run had (50-item windows of the log's users, reused round-robin
                                only when the run needs more than exist); repeat: the last 50 items of
                                --users sampled users, drawn with replacement (follow-up searches)
              --users N         users sampled for histories and events with --histories repeat (default %d)
              --out DIR         where serving.md, serving.json and a trained model go (default %s)
              --heap SIZE       the node's heap, e.g. 2g or 1536m (default %s)
              --cell-seconds S  time limit of one cell's measured requests, 1..3600 (default %d)
              --seed N          seed of the user sample, the request order and the titles (default %d)
              --node-setting KEY=VALUE
                                an opensearch.yml setting of the node, repeatable (e.g.
                                plugins.seqrec.user_vector_cache.max_size=0b to measure every encode)""",
            DEFAULT_DATA,
            DEFAULT_REQUESTS,
            DEFAULT_WARMUP,
            join(DEFAULT_CLIENTS),
            RequestKind.names(),
            DEFAULT_EPOCHS,
            DEFAULT_USERS,
            DEFAULT_OUT,
            DEFAULT_HEAP,
            DEFAULT_CELL_SECONDS,
            DEFAULT_SEED);

    public ServingOptions {
        artifact = artifact == null ? Optional.empty() : artifact;
        if (data == null || out == null) {
            throw new IllegalArgumentException("--data and --out must name files");
        }
        if (histories == null) {
            throw new IllegalArgumentException("--histories must be one of " + HistoryMode.names());
        }
        checkRange("--requests", requests, 10, 100_000);
        checkRange("--warmup", warmup, 0, 100_000);
        checkRange("--epochs", epochs, 1, 50);
        checkRange("--users", users, 1, 10_000);
        checkRange("--cell-seconds", cellSeconds, 1, 3600);
        if (clients == null || clients.isEmpty()) {
            throw new IllegalArgumentException("--clients must name at least one client count");
        }
        for (int c : clients) {
            checkRange("--clients", c, 1, 256);
        }
        if (new LinkedHashSet<>(clients).size() != clients.size()) {
            throw new IllegalArgumentException("--clients must not repeat a count, got " + join(clients));
        }
        clients = List.copyOf(clients);
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("--kinds must name at least one of " + RequestKind.names());
        }
        if (new LinkedHashSet<>(kinds).size() != kinds.size()) {
            throw new IllegalArgumentException("--kinds must not repeat a kind");
        }
        List<RequestKind> measured = new ArrayList<>(kinds);
        if (!measured.contains(RequestKind.MATCH)) {
            measured.addFirst(RequestKind.MATCH);
        }
        if (measured.stream().anyMatch(RequestKind::isSeqRecRescoreOfMatch)
                && !measured.contains(RequestKind.MATCH_QUERY_RESCORE)) {
            measured.add(measured.indexOf(RequestKind.MATCH) + 1, RequestKind.MATCH_QUERY_RESCORE);
        }
        kinds = List.copyOf(measured);
        if (heap == null || !heap.matches("[1-9]\\d*[mg]")) {
            throw new IllegalArgumentException("--heap must look like 2g or 1536m, got '" + heap + "'");
        }
    }

    public static ServingOptions defaults() {
        return new ServingOptions(
                Optional.empty(),
                DEFAULT_DATA,
                DEFAULT_REQUESTS,
                DEFAULT_WARMUP,
                DEFAULT_CLIENTS,
                List.of(RequestKind.values()),
                DEFAULT_EPOCHS,
                DEFAULT_USERS,
                DEFAULT_HISTORIES,
                DEFAULT_OUT,
                DEFAULT_HEAP,
                DEFAULT_CELL_SECONDS,
                DEFAULT_SEED,
                Map.of());
    }

    /** The highest client count of the run (warm-up runs at it). */
    public int maxClients() {
        return clients.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** Size of the warm-up draw: {@code --warmup}, at least 1 (the check request of each kind takes the first). */
    public int warmInputs() {
        return Math.max(warmup, 1);
    }

    /** Requests sent before a cell of {@code clients} clients, to open connections and settle pools: max(20, 4 x clients). */
    public int cellWarmup(int clients) {
        return Math.min(warmInputs(), Math.max(20, 4 * clients));
    }

    /**
     * Requests with a history in the whole run, in {@link HistoryMode#DISTINCT} mode the histories it
     * needs: for every kind that uses one, the check request, the warm-up, and each cell's warm-up and
     * measured requests.
     */
    public int historiesNeeded() {
        int perKind = 1 + warmup;
        for (int c : clients) {
            perKind += cellWarmup(c) + requests;
        }
        return perKind * (int) kinds.stream().filter(RequestKind::usesHistory).count();
    }

    /**
     * Parses {@code --name value} pairs; options not given keep their defaults.
     *
     * @throws IllegalArgumentException for an unknown option, a missing or bad value
     */
    public static ServingOptions parse(String... args) {
        ServingOptions d = defaults();
        Optional<Path> artifact = d.artifact();
        Path data = d.data();
        int requests = d.requests();
        int warmup = d.warmup();
        List<Integer> clients = d.clients();
        List<RequestKind> kinds = d.kinds();
        int epochs = d.epochs();
        int users = d.users();
        HistoryMode histories = d.histories();
        Path out = d.out();
        String heap = d.heap();
        int cellSeconds = d.cellSeconds();
        long seed = d.seed();
        Map<String, String> nodeSettings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            String value = CliValues.valueAfter(args, i);
            switch (name) {
                case "--artifact" -> artifact = Optional.of(path(name, value));
                case "--data" -> data = path(name, value);
                case "--requests" -> requests = parseInt(name, value);
                case "--warmup" -> warmup = parseInt(name, value);
                case "--clients" ->
                    clients = split(name, value).stream()
                            .map(v -> parseInt(name, v))
                            .toList();
                case "--kinds" ->
                    kinds = split(name, value).stream().map(RequestKind::parse).toList();
                case "--epochs" -> epochs = parseInt(name, value);
                case "--users" -> users = parseInt(name, value);
                case "--histories" -> histories = HistoryMode.parse(value.trim());
                case "--out" -> out = path(name, value);
                case "--heap" -> heap = value.trim();
                case "--cell-seconds" -> cellSeconds = parseInt(name, value);
                case "--seed" -> seed = parseLong(name, value);
                case "--node-setting" -> {
                    int eq = value.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException(
                                "--node-setting must look like KEY=VALUE, got '" + value + "'");
                    }
                    nodeSettings.put(
                            value.substring(0, eq).trim(),
                            value.substring(eq + 1).trim());
                }
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        return new ServingOptions(
                artifact,
                data,
                requests,
                warmup,
                clients,
                kinds,
                epochs,
                users,
                histories,
                out,
                heap,
                cellSeconds,
                seed,
                Map.copyOf(nodeSettings));
    }

    static boolean wantsHelp(String... args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    private static List<String> split(String name, String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a comma-separated list, got '" + value + "'");
        }
        return parts;
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
