package org.seqrec.it.demo;

import static org.seqrec.it.CliValues.checkRange;
import static org.seqrec.it.CliValues.parseInt;
import static org.seqrec.it.CliValues.parseLong;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seqrec.it.CliValues;

/**
 * The knobs of {@link ShopDemo}, parsed from {@code --name value} arguments. Every value is checked
 * here, so the rest of the demo holds valid ones; a bad argument fails with
 * {@link IllegalArgumentException} naming the option and its allowed range.
 *
 * @param epochs training epochs, 1..1000
 * @param dim embedding size D of the SASRec model, 8..256
 * @param seed seed of the generated shop and of the training run
 * @param query the text the shopper searches for (matched against product titles)
 * @param history item ids the shopper viewed, oldest first; each one of the catalogue
 * @param top how many hits of each ranking are printed, 1..96
 */
public record DemoOptions(int epochs, int dim, long seed, String query, List<String> history, int top) {
    public static final int DEFAULT_EPOCHS = 20;
    public static final int DEFAULT_DIM = 32;
    public static final long DEFAULT_SEED = 7;
    public static final String DEFAULT_QUERY = "ski";
    /** wool ski jacket, fleece ski jacket, wool winter gloves. */
    public static final List<String> DEFAULT_HISTORY = List.of("sku-100", "sku-101", "sku-112");

    public static final int DEFAULT_TOP = 10;

    static final String USAGE = String.format(
            Locale.ROOT,
            """
            usage: scripts/demo [--epochs N] [--dim D] [--seed N] [--query TEXT] [--history ID,ID,...] [--top N]
              --epochs N     training epochs, 1..1000 (default %d)
              --dim D        embedding size, 8..256 (default %d)
              --seed N       seed of the generated shop and of training (default %d)
              --query TEXT   what the shopper searches for (default "%s")
              --history IDS  viewed item ids, oldest first, from sku-100..sku-195 (default %s)
              --top N        hits printed per ranking, 1..96 (default %d)""",
            DEFAULT_EPOCHS,
            DEFAULT_DIM,
            DEFAULT_SEED,
            DEFAULT_QUERY,
            String.join(",", DEFAULT_HISTORY),
            DEFAULT_TOP);

    public DemoOptions {
        checkRange("--epochs", epochs, 1, 1000);
        checkRange("--dim", dim, 8, 256);
        checkRange("--top", top, 1, 96);
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("--query must be non-empty text");
        }
        if (history == null || history.isEmpty()) {
            throw new IllegalArgumentException("--history must name at least one item id");
        }
        history = List.copyOf(history);
        ShopperStory.of(history, query); // rejects ids the shop does not have
    }

    /** The shopper this run follows. */
    public ShopperStory story() {
        return ShopperStory.of(history, query);
    }

    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_EPOCHS, DEFAULT_DIM, DEFAULT_SEED, DEFAULT_QUERY, DEFAULT_HISTORY, DEFAULT_TOP);
    }

    /**
     * Parses {@code --name value} pairs; options not given keep their defaults.
     *
     * @throws IllegalArgumentException for an unknown option, a missing or bad value
     */
    public static DemoOptions parse(String... args) {
        int epochs = DEFAULT_EPOCHS;
        int dim = DEFAULT_DIM;
        long seed = DEFAULT_SEED;
        String query = DEFAULT_QUERY;
        List<String> history = DEFAULT_HISTORY;
        int top = DEFAULT_TOP;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            String value = CliValues.valueAfter(args, i);
            switch (name) {
                case "--epochs" -> epochs = parseInt(name, value);
                case "--dim" -> dim = parseInt(name, value);
                case "--seed" -> seed = parseLong(name, value);
                case "--query" -> query = value;
                case "--history" -> history = splitIds(value);
                case "--top" -> top = parseInt(name, value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        return new DemoOptions(epochs, dim, seed, query, history, top);
    }

    static boolean wantsHelp(String... args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    private static List<String> splitIds(String value) {
        List<String> ids = new ArrayList<>();
        for (String id : value.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        return ids;
    }
}
