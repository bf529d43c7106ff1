package org.seqrec.trainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.trainer.train.TrainingConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The hyper-parameter and run options of {@code train}, turned into a validated {@link TrainingConfig}.
 * An option that only one model or loss reads is refused with any other (a usage error naming the
 * models or losses that accept it), so that a typo in {@code --model} cannot silently ignore it.
 * The baselines (pop, markov) read no training option: only --seed, --device and --threads are
 * accepted with them (the last two are ignored: baselines count in Java on one thread).
 */
final class TrainOptions {
    /** Options read by some models or losses only: option to the model or loss names that accept it. */
    static final Map<String, List<String>> SCOPE = scope();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", defaultValue = TrainingConfig.DEFAULT_MODEL,
            description = "Network: sasrec (default), gru4rec, caser or bert4rec; or a baseline fit by counting: "
                    + "pop (most popular) or markov (first-order Markov chain).")
    String model;
    @Option(names = "--loss", paramLabel = "L", defaultValue = TrainingConfig.DEFAULT_LOSS,
            description = "ce (full softmax, default), sampled-ce (N shared negatives), bce (one negative, SASRec paper) "
                    + "or gbce (gSASRec: k negatives, calibration t).")
    String loss;
    @Option(names = "--negatives", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_NEGATIVES,
            description = "sampled-ce: negatives per sequence; gbce: per position (default: ${DEFAULT-VALUE}).")
    int negatives;
    @Option(names = "--gbce-t", paramLabel = "T", defaultValue = "" + TrainingConfig.DEFAULT_GBCE_T,
            description = "gbce: calibration t in [0, 1] (default: ${DEFAULT-VALUE}).")
    float gbceT;
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_EPOCHS,
            description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_BATCH_SIZE,
            description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--lr", paramLabel = "X", defaultValue = "" + TrainingConfig.DEFAULT_LEARNING_RATE,
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;
    @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "0",
            description = "Adam L2 penalty in [0, 1] (default: ${DEFAULT-VALUE}).")
    float weightDecay;
    @Option(names = "--clip-grad-norm", paramLabel = "X", defaultValue = "0",
            description = "Clip the global gradient L2 norm to X; 0 = off (default: ${DEFAULT-VALUE}).")
    float clipGradNorm;
    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop after N epochs without a better val_full.ndcg@10; 0 = off (default: ${DEFAULT-VALUE}).")
    int patience;
    @Option(names = "--dim", paramLabel = "D", defaultValue = "" + TrainingConfig.DEFAULT_DIM,
            description = "Embedding size D (default: ${DEFAULT-VALUE}).")
    int dim;
    @Option(names = "--max-len", paramLabel = "L", defaultValue = "" + TrainingConfig.DEFAULT_MAX_LEN,
            description = "Longest history L read (default: ${DEFAULT-VALUE}).")
    int maxLen;
    @Option(names = "--blocks", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_BLOCKS,
            description = "sasrec, bert4rec: transformer blocks (default: ${DEFAULT-VALUE}).")
    int blocks;
    @Option(names = "--heads", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_HEADS,
            description = "sasrec, bert4rec: attention heads (default: ${DEFAULT-VALUE}).")
    int heads;
    @Option(names = "--dropout", paramLabel = "X", defaultValue = "" + TrainingConfig.DEFAULT_DROPOUT,
            description = "Dropout rate (default: ${DEFAULT-VALUE}).")
    float dropout;
    @Option(names = "--layer-norm", paramLabel = "P", defaultValue = TrainingConfig.DEFAULT_LAYER_NORM,
            description = "sasrec: pre or post layer norm in the blocks (default: ${DEFAULT-VALUE}).")
    String layerNorm;
    @Option(names = "--layers", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_LAYERS,
            description = "gru4rec: stacked GRU layers (default: ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--window", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_WINDOW,
            description = "caser: latest items read as an image (default: ${DEFAULT-VALUE}).")
    int window;
    @Option(names = "--h-filters", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_H_FILTERS,
            description = "caser: horizontal filters per height (default: ${DEFAULT-VALUE}).")
    int hFilters;
    @Option(names = "--v-filters", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_V_FILTERS,
            description = "caser: vertical filters (default: ${DEFAULT-VALUE}).")
    int vFilters;
    @Option(names = "--mask-prob", paramLabel = "P", defaultValue = "" + TrainingConfig.DEFAULT_MASK_PROB,
            description = "bert4rec: probability that an item is masked (default: ${DEFAULT-VALUE}).")
    float maskProb;
    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            converter = Converters.DeviceConverter.class,
            description = "auto (GPU if DJL sees one), cpu or gpu (default: ${DEFAULT-VALUE}).")
    DevicePreference device;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch (default: number of cores).")
    Integer threads;
    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Write a checkpoint to DIR after every epoch (default: none).")
    Path checkpointDir;
    @Option(names = "--resume", description = "Continue the run checkpointed in --checkpoint-dir.")
    boolean resume;

    /** The validated configuration; a usage error (exit code 2) names the option and its range. */
    TrainingConfig toConfig() {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Map.Entry<String, List<String>> e : SCOPE.entrySet()) {
            boolean applies = e.getValue().contains(model) || e.getValue().contains(loss);
            if (parsed != null && parsed.hasMatchedOption(e.getKey()) && !applies
                    && TrainingConfig.MODELS.contains(model) && TrainingConfig.LOSSES.contains(loss)) {
                throw new ParameterException(spec.commandLine(), e.getKey() + " applies to " + String.join(", ", e.getValue())
                        + " only; got --model " + model + " --loss " + loss);
            }
        }
        try {
            return TrainingConfig.builder().model(model).loss(loss).negatives(negatives).gbceT(gbceT).epochs(epochs)
                    .batchSize(batchSize).learningRate(learningRate).weightDecay(weightDecay).clipGradNorm(clipGradNorm)
                    .patience(patience).dim(dim).maxLen(maxLen).blocks(blocks).heads(heads).dropout(dropout)
                    .layerNorm(layerNorm).layers(layers).window(window).hFilters(hFilters).vFilters(vFilters)
                    .maskProb(maskProb).seed(seed).device(device)
                    .threads(threads == null ? TrainingConfig.defaultThreads() : threads)
                    .checkpointDir(checkpointDir).resume(resume).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Map<String, List<String>> scope() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        // read by every network, by no baseline
        for (String option : List.of("--loss", "--epochs", "--batch-size", "--lr", "--weight-decay", "--clip-grad-norm",
                "--patience", "--dim", "--max-len", "--dropout", "--checkpoint-dir", "--resume")) {
            m.put(option, TrainingConfig.NETWORKS);
        }
        m.put("--negatives", List.of("sampled-ce", "gbce"));
        m.put("--gbce-t", List.of("gbce"));
        m.put("--blocks", List.of("sasrec", "bert4rec"));
        m.put("--heads", List.of("sasrec", "bert4rec"));
        m.put("--layer-norm", List.of("sasrec"));
        m.put("--layers", List.of("gru4rec"));
        m.put("--window", List.of("caser"));
        m.put("--h-filters", List.of("caser"));
        m.put("--v-filters", List.of("caser"));
        m.put("--mask-prob", List.of("bert4rec"));
        return m;
    }
}
