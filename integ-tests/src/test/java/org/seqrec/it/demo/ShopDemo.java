package org.seqrec.it.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.node.LocalOpenSearchNode;

/**
 * The project's main demo ({@code scripts/demo}, docs/demo.md): a synthetic shop end to end.
 * <ol>
 *   <li>generates the shop (96 products, 1000 shoppers whose interest drifts from category to
 *       category) with the real {@code seqrec-trainer generate};</li>
 *   <li>trains a SASRec model on the sessions with the real {@code seqrec-trainer train};</li>
 *   <li>starts a local OpenSearch node with the built plugin installed, uploads the model with the
 *       real {@code seqrec-trainer upload} as {@value #MODEL_ID}, indexes the catalogue as
 *       {@code products};</li>
 *   <li>runs one shopper's search without and with the {@code seqrec} rescorer and prints both
 *       rankings side by side, with a sentence on what changed and why;</li>
 *   <li>stops the node, also when a step fails.</li>
 * </ol>
 * Needs the system properties the integ-tests build sets (see {@link ItEnvironment}) and a
 * non-root user (OpenSearch refuses root). Everything goes to {@code target/.../shop-demo}, emptied
 * first.
 */
public final class ShopDemo {
    /** The model id the upload stores and searches name. */
    public static final String MODEL_ID = "shop-sasrec";

    static final String WORK_DIR_NAME = "shop-demo";
    private static final int STEPS = 5;

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    private ShopDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; exit status 0 on success, 2 for bad arguments, 1 for any other failure. */
    public static void main(String[] args) {
        if (DemoOptions.wantsHelp(args)) {
            System.out.println(DemoOptions.USAGE);
            System.exit(0);
        }
        DemoOptions options = null;
        int status = 0;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("seqrec demo: error: " + e.getMessage() + "\n" + DemoOptions.USAGE);
            status = 2;
        }
        if (options != null) {
            try {
                runDemo(options);
            } catch (RuntimeException e) {
                e.printStackTrace();
                System.err.println("seqrec demo: error: " + e.getMessage());
                status = 1;
            }
        }
        System.out.flush();
        // DJL's native threads would keep the JVM alive; the node is stopped by now either way.
        System.exit(status);
    }

    /**
     * Runs the demo with {@code --name value} arguments (see {@link DemoOptions}), printing to
     * {@code System.out}.
     *
     * @throws IllegalArgumentException for bad arguments
     * @throws RuntimeException if a step fails; the node is stopped before it propagates
     */
    public static DemoResult runDemo(String... args) {
        return runDemo(DemoOptions.parse(args));
    }

    /** Runs the demo with parsed options, printing to {@code System.out}. */
    public static DemoResult runDemo(DemoOptions options) {
        return new ShopDemo(System.out).run(options);
    }

    private DemoResult run(DemoOptions options) {
        ShopperStory story = options.story();
        // Checked before the slow steps: the build's node layout and unpacked plugin must exist.
        Path nodeHomeTemplate = ItEnvironment.nodeHomeTemplate();
        Path pluginDir = ItEnvironment.pluginDir();
        Path work = ItEnvironment.freshWorkDir(WORK_DIR_NAME);
        Path data = work.resolve("shop");
        Path model = data.resolve(MODEL_ID + ".seqrec");
        TrainerCli trainer = new TrainerCli(out);

        step(1, "generate the synthetic shop: 96 products, 1000 shoppers whose interest drifts");
        trainer.run(List.of(
                "generate",
                "--kind",
                "shop",
                "--out",
                data.toString(),
                "--seed",
                Long.toString(options.seed()),
                "--index",
                ShopIndex.INDEX));

        step(2, "train a SASRec model on the shopping sessions");
        // One PyTorch thread: for a model this small, more threads mostly wait on each other, and on
        // cores busy with other work that waiting dominates (4 epochs: 2 s on 1 thread, 20-40 s on 2).
        // Sessions are at most 16 views long, hence --max-len 20.
        trainer.run(List.of(
                "train",
                "--input",
                data.resolve("shop-events.csv").toString(),
                "--format",
                "csv",
                "--epochs",
                Integer.toString(options.epochs()),
                "--dim",
                Integer.toString(options.dim()),
                "--lr",
                "0.005",
                "--max-len",
                "20",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--seed",
                Long.toString(options.seed()),
                "--out",
                model.toString()));

        step(3, "start a local OpenSearch node with the seqrec plugin, upload the model, index the catalogue");
        DemoResult result;
        try (LocalOpenSearchNode node = LocalOpenSearchNode.builder()
                .setHomeTemplate(nodeHomeTemplate)
                .setWorkDir(work)
                .optPlugin(pluginDir)
                .start()) {
            out.println("node:    " + node.httpUri() + " (log: " + node.home().logFile() + ")");
            trainer.run(List.of(
                    "upload",
                    model.toString(),
                    "--cluster",
                    node.httpUri().toString(),
                    "--model-id",
                    MODEL_ID,
                    "--no-progress"));
            ShopIndex index = new ShopIndex(node.http());
            index.create();
            int documents = index.load(data.resolve("catalogue-bulk.ndjson"));
            out.println("indexed: " + documents + " products into '" + ShopIndex.INDEX + "'");

            step(4, "search as one shopper, without and with the seqrec rescore");
            result = compare(index, story, documents, options.top(), model);
        }
        step(5, "node stopped; demo finished");
        return result;
    }

    private DemoResult compare(ShopIndex index, ShopperStory story, int documents, int top, Path model) {
        out.println(story.describe());
        // size and window cover the whole catalogue, so every matching product is reranked and ranked.
        List<RankedHit> plain = index.search(ShopIndex.searchRequest(story.query(), documents, null));
        Map<String, Object> rescored = ShopIndex.searchRequest(
                story.query(), documents, ShopIndex.seqrecRescore(MODEL_ID, story.itemIds(), documents));
        out.println("\nPOST " + ShopIndex.INDEX + "/_search  (the plain search is the same without \"rescore\")");
        out.println(ShopIndex.json(rescored, true));
        DemoResult result = new DemoResult(story, plain, index.search(rescored), top, model);
        out.println();
        out.print(SideBySide.format(
                "without seqrec (text score only)",
                result.head(result.plain()),
                "with seqrec rescore (" + MODEL_ID + ")",
                result.head(result.rescored()),
                hit -> hit.category().equals(story.driftTarget())));
        out.println("* = " + story.driftTarget() + ", the category shoppers move on to after " + story.currentCategory()
                + "; " + plain.size() + " products match \"" + story.query() + "\"\n");
        out.println(result.explanation());
        return result;
    }

    private void step(int number, String what) {
        out.printf(
                Locale.ROOT,
                "%n=== [%d/%d] %s  (t=%.0fs)%n",
                number,
                STEPS,
                what,
                (System.nanoTime() - startNanos) / 1e9);
        out.flush();
    }
}
