package org.seqrec.it.bench;

import static org.seqrec.it.CliValues.checkRange;
import static org.seqrec.it.CliValues.parseInt;
import static org.seqrec.it.CliValues.parseLong;
import static org.seqrec.it.CliValues.path;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.seqrec.it.CliValues;

/**
 * The knobs of {@link SearchQualityBenchmark}, parsed from {@code --name value} arguments; a bad
 * argument fails with {@link IllegalArgumentException} naming the option and its range.
 *
 * @param artifact a SASRec (or any) {@code .seqrec} trained on {@code data}; empty: train one
 * @param data the interaction log, format {@code sequences} ({@code user item1 item2 ...})
 * @param attributes the items' attribute ids, S3-Rec's {@code *_item2attributes.json}
 * @param users evaluation users per split (validation, test), 10..22363
 * @param window the rescore's {@code window_size} (one shard, so over the whole index), 10..10000
 * @param epochs training epochs without {@code --artifact}, 1..200
 * @param clients concurrent request threads, 1..16
 * @param out folder for {@code search-quality.md} / {@code .json} and a trained model
 * @param heap the node's heap
 * @param seed the user sample, the attribute choice, the catalogue's document order, training
 */
record SearchQualityOptions(
        Optional<Path> artifact,
        Path data,
        Path attributes,
        int users,
        int window,
        int epochs,
        int clients,
        Path out,
        String heap,
        long seed) {

    static final Path DEFAULT_DATA = ServingOptions.DEFAULT_DATA;
    static final int DEFAULT_USERS = 2000;
    static final int DEFAULT_WINDOW = 1000;
    static final int DEFAULT_EPOCHS = 3;
    static final int DEFAULT_CLIENTS = 2;
    static final Path DEFAULT_OUT = Path.of("target/bench-search-quality");

    static final String USAGE = String.format(
            Locale.ROOT,
            """
            usage: scripts/bench-search-quality [--artifact FILE] [--data FILE] [--attributes FILE] [--users N]
                                                [--window N] [--epochs N] [--clients N] [--out DIR] [--heap SIZE] [--seed N]
              --artifact FILE    a .seqrec model trained on --data (default: train a SASRec, --epochs epochs)
              --data FILE        interaction log, format `sequences` (default %s)
              --attributes FILE  item -> attribute ids JSON (default: <data's stem>_item2attributes.json beside it)
              --users N          evaluation users per split (validation, test), 10..22363 (default %d)
              --window N         the rescore's window_size, 10..10000 (default %d); rows at window 100 are added
              --epochs N         training epochs without --artifact, 1..200 (default %d)
              --clients N        concurrent request threads, 1..16 (default %d)
              --out DIR          where search-quality.md, search-quality.json and a trained model go (default %s)
              --heap SIZE        the node's heap (default %s)
              --seed N           users, attributes, document order and training (default %d)""",
            DEFAULT_DATA,
            DEFAULT_USERS,
            DEFAULT_WINDOW,
            DEFAULT_EPOCHS,
            DEFAULT_CLIENTS,
            DEFAULT_OUT,
            ServingOptions.DEFAULT_HEAP,
            ServingOptions.DEFAULT_SEED);

    SearchQualityOptions {
        checkRange("--users", users, 10, 22363);
        checkRange("--window", window, 10, 10000);
        checkRange("--epochs", epochs, 1, 200);
        checkRange("--clients", clients, 1, 16);
        if (heap.isBlank()) {
            throw new IllegalArgumentException("--heap needs a size, e.g. 2g");
        }
    }

    /** Parses {@code --name value} pairs; options not given keep their defaults. */
    static SearchQualityOptions parse(String... args) {
        Optional<Path> artifact = Optional.empty();
        Path data = DEFAULT_DATA;
        Path attributes = null;
        int users = DEFAULT_USERS;
        int window = DEFAULT_WINDOW;
        int epochs = DEFAULT_EPOCHS;
        int clients = DEFAULT_CLIENTS;
        Path out = DEFAULT_OUT;
        String heap = ServingOptions.DEFAULT_HEAP;
        long seed = ServingOptions.DEFAULT_SEED;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            String value = CliValues.valueAfter(args, i);
            switch (name) {
                case "--artifact" -> artifact = Optional.of(path(name, value));
                case "--data" -> data = path(name, value);
                case "--attributes" -> attributes = path(name, value);
                case "--users" -> users = parseInt(name, value);
                case "--window" -> window = parseInt(name, value);
                case "--epochs" -> epochs = parseInt(name, value);
                case "--clients" -> clients = parseInt(name, value);
                case "--out" -> out = path(name, value);
                case "--heap" -> heap = value.trim();
                case "--seed" -> seed = parseLong(name, value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        if (attributes == null) {
            String stem = data.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            attributes = data.resolveSibling(stem + "_item2attributes.json");
        }
        return new SearchQualityOptions(artifact, data, attributes, users, window, epochs, clients, out, heap, seed);
    }
}
