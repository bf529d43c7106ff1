package org.seqrec.trainer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.model.CountingType;
import org.seqrec.model.ModelType;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.RankingType;
import org.seqrec.trainer.train.ConfigScope;
import org.seqrec.trainer.train.ModelDefaults;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.loss.Loss;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The hyper-parameter and run options of {@code train}, turned into a validated {@link TrainingConfig}.
 * An option that only some model types or losses read ({@link ConfigScope}) is refused with any other
 * (a usage error naming the models or losses that accept it), so that a typo in {@code --model} cannot
 * silently ignore it. The counting baselines read no training option: only --seed, --device and
 * --threads are accepted with them (the last two are ignored: baselines count in Java on one thread).
 * The help texts that name model types are made from the registry ({@link #helpTexts}).
 *
 * <p>{@code --model}, {@code --loss} and {@code --layer-norm} are read as text and converted in
 * {@link #toConfig}, not by picocli converters, whose messages would wrap the configuration's own.
 */
final class TrainOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "M",
            completionCandidates = ModelNames.class,
            description = "Model type: a network or a baseline fit by counting (default: ${DEFAULT-VALUE}).")
    String model = TrainingConfig.DEFAULT_MODEL.name();

    @Option(
            names = "--loss",
            paramLabel = "L",
            description =
                    "ce (full softmax, default), sampled-ce (N shared negatives), bce (one negative, SASRec paper) "
                            + "or gbce (gSASRec: k negatives, calibration t); a ranking model (din, dien, bst): sampled-ce "
                            + "(its default) or bce.")
    String loss;

    @Option(
            names = "--negatives",
            paramLabel = "N",
            description = "sampled-ce: negatives per sequence (default: " + TrainingConfig.DEFAULT_NEGATIVES
                    + "), per position for a ranking model (default: " + TrainingConfig.DEFAULT_RANKING_NEGATIVES
                    + "); gbce: per position.")
    Integer negatives;

    @Option(
            names = "--gbce-t",
            paramLabel = "T",
            defaultValue = "" + TrainingConfig.DEFAULT_GBCE_T,
            description = "gbce: calibration t in [0, 1] (default: ${DEFAULT-VALUE}).")
    float gbceT;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_EPOCHS,
            description =
                    "Most passes over the data; --patience usually ends a run sooner (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_BATCH_SIZE,
            description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate (default: depends on --model).")
    Float learningRate;

    @Option(
            names = "--weight-decay",
            paramLabel = "X",
            description = "Adam L2 penalty in [0, 1] (default: depends on --model).")
    Float weightDecay;

    @Option(
            names = "--clip-grad-norm",
            paramLabel = "X",
            defaultValue = "0",
            description = "Clip the global gradient L2 norm to X; 0 = off (default: ${DEFAULT-VALUE}).")
    float clipGradNorm;

    @Option(
            names = "--patience",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_PATIENCE,
            description = "Stop after N epochs without a better val_full.ndcg@10; 0 = off (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(
            names = "--dim",
            paramLabel = "D",
            defaultValue = "" + TrainingConfig.DEFAULT_DIM,
            description = "Embedding size D (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(
            names = "--max-len",
            paramLabel = "L",
            defaultValue = "" + TrainingConfig.DEFAULT_MAX_LEN,
            description = "Longest history L read (default: ${DEFAULT-VALUE}).")
    int maxLen;

    @Option(
            names = "--blocks",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_BLOCKS,
            description = "transformer blocks (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(
            names = "--heads",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_HEADS,
            description = "attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--dropout", paramLabel = "X", description = "Dropout rate (default: depends on --model).")
    Float dropout;

    @Option(
            names = "--layer-norm",
            paramLabel = "P",
            description = "pre or post layer norm in the blocks (default: ${DEFAULT-VALUE}).")
    String layerNorm = TrainingConfig.DEFAULT_LAYER_NORM.id();

    @Option(
            names = "--time-features",
            paramLabel = "F",
            description = "Event-time features the network reads: none, or gap_hour (log-scale gap to the next "
                    + "event and its UTC hour; the log needs times) (default: ${DEFAULT-VALUE}).")
    String timeFeatures = TrainingConfig.DEFAULT_TIME_FEATURES.id();

    @Option(
            names = "--layers",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_LAYERS,
            description = "stacked GRU layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(
            names = "--window",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_WINDOW,
            description = "latest items read as an image (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(
            names = "--h-filters",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_H_FILTERS,
            description = "horizontal filters per height (default: ${DEFAULT-VALUE}).")
    int hFilters;

    @Option(
            names = "--v-filters",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_V_FILTERS,
            description = "vertical filters (default: ${DEFAULT-VALUE}).")
    int vFilters;

    @Option(
            names = "--mask-prob",
            paramLabel = "P",
            defaultValue = "" + TrainingConfig.DEFAULT_MASK_PROB,
            description = "probability that an item is masked (default: ${DEFAULT-VALUE}).")
    float maskProb;

    @Option(
            names = "--alpha",
            paramLabel = "A",
            defaultValue = "" + TrainingConfig.DEFAULT_ALPHA,
            description = "the frequency sub-layer's share of each block's mix, in [0, 1] (the paper's alpha;"
                    + " default: ${DEFAULT-VALUE}).")
    float alpha;

    @Option(
            names = "--low-pass",
            paramLabel = "C",
            defaultValue = "" + TrainingConfig.DEFAULT_LOW_PASS,
            description = "the low-pass filter keeps frequencies 0..C/2 of the --max-len positions (the paper's c;"
                    + " default: ${DEFAULT-VALUE}).")
    int lowPass;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            defaultValue = "auto",
            converter = Converters.DeviceConverter.class,
            description = "auto (GPU if DJL sees one), cpu or gpu (default: ${DEFAULT-VALUE}).")
    DevicePreference device;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "CPU threads for PyTorch (default: 1; more help only on an idle machine).")
    Integer threads;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Write a checkpoint to DIR after every epoch (default: none).")
    Path checkpointDir;

    @Option(names = "--resume", description = "Continue the run checkpointed in --checkpoint-dir.")
    boolean resume;

    /** Whether {@code --lr} was given (else a warm start lowers the default). */
    boolean learningRateGiven() {
        return learningRate != null;
    }

    /** The validated configuration; a usage error (exit code 2) names the option and its range. */
    TrainingConfig toConfig() {
        ModelType modelType;
        Loss lossType;
        try {
            modelType = TrainingConfig.parseModel(model);
            boolean ranking = modelType instanceof RankingType;
            lossType = loss != null
                    ? TrainingConfig.parseLoss(loss)
                    : ranking ? TrainingConfig.DEFAULT_RANKING_LOSS : TrainingConfig.DEFAULT_LOSS;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Map.Entry<String, List<String>> e : ConfigScope.readers().entrySet()) {
            String flag = ConfigScope.flagOf(e.getKey());
            boolean applies =
                    e.getValue().contains(modelType.name()) || e.getValue().contains(lossType.id());
            if (parsed != null && parsed.hasMatchedOption(flag) && !applies) {
                throw new ParameterException(
                        spec.commandLine(),
                        flag + " applies to " + String.join(", ", e.getValue()) + " only; got --model "
                                + modelType.name() + " --loss " + lossType.id());
            }
        }
        try {
            TrainingConfig.Builder b = TrainingConfig.builder();
            // unnamed: the model type's defaults (ModelDefaults)
            if (learningRate != null) {
                b.learningRate(learningRate);
            }
            if (weightDecay != null) {
                b.weightDecay(weightDecay);
            }
            if (dropout != null) {
                b.dropout(dropout);
            }
            return b.model(modelType)
                    .loss(lossType)
                    .negatives(
                            negatives != null
                                    ? negatives
                                    : modelType instanceof RankingType
                                            ? TrainingConfig.DEFAULT_RANKING_NEGATIVES
                                            : TrainingConfig.DEFAULT_NEGATIVES)
                    .gbceT(gbceT)
                    .epochs(epochs)
                    .batchSize(batchSize)
                    .clipGradNorm(clipGradNorm)
                    .patience(patience)
                    .dim(dim)
                    .maxLen(maxLen)
                    .blocks(blocks)
                    .heads(heads)
                    .layerNorm(layerNorm)
                    .layers(layers)
                    .window(window)
                    .hFilters(hFilters)
                    .vFilters(vFilters)
                    .maskProb(maskProb)
                    .timeFeatures(timeFeatures)
                    .alpha(alpha)
                    .lowPass(lowPass)
                    .seed(seed)
                    .device(device)
                    .threads(threads == null ? TrainingConfig.defaultThreads() : threads)
                    .checkpointDir(checkpointDir)
                    .resume(resume)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The help texts that name model types, made from the registry, as a resource bundle for the
     * {@code train} command (picocli reads an option's description from it by the option's name):
     * {@code --model}'s, and for each option only some network types read, their names before the
     * option's own description.
     *
     * @param train the {@code train} command, whose option descriptions are still the annotations'
     */
    static ResourceBundle helpTexts(CommandSpec train) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("model", modelHelp());
        // the defaults that depend on --model (ModelDefaults)
        texts.put(
                "lr",
                "Adam learning rate (default: " + ModelDefaults.describe(ModelDefaults::learningRate) + "; "
                        + ModelDefaults.plain(TrainingConfig.DEFAULT_WARM_START_LEARNING_RATE)
                        + " for a ranking model that starts from --retrieval's weights).");
        texts.put(
                "weight-decay",
                "Adam L2 penalty in [0, 1] (default: " + ModelDefaults.describe(ModelDefaults::weightDecay) + ").");
        texts.put("dropout", "Dropout rate (default: " + ModelDefaults.describe(ModelDefaults::dropout) + ").");
        ConfigScope.networkSpecific().forEach((key, readers) -> {
            OptionSpec option = train.findOption(ConfigScope.flagOf(key));
            texts.put(
                    key.replace('_', '-'), String.join(", ", readers) + ": " + String.join(" ", option.description()));
        });
        Object[][] contents = texts.entrySet().stream()
                .map(e -> new Object[] {e.getKey(), e.getValue()})
                .toArray(Object[][]::new);
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return contents;
            }
        };
    }

    /** "Network: a (default), b or c; a ranking network ...: r; or a baseline fit by counting: d (summary) or e (summary)." */
    private static String modelHelp() {
        List<String> networks = new ArrayList<>();
        for (ModelType t : ModelTypes.networks()) {
            networks.add(t.name() + (t == TrainingConfig.DEFAULT_MODEL ? " (default)" : ""));
        }
        List<String> counting = new ArrayList<>();
        for (CountingType t : ModelTypes.counting()) {
            counting.add(t.name() + " (" + t.summary() + (t == TrainingConfig.DEFAULT_MODEL ? ", default" : "") + ")");
        }
        List<String> ranking = ModelTypes.names(ModelTypes.ranking());
        return "Network: " + inWords(networks) + "; a ranking network, which reranks a retrieval model's candidates: "
                + inWords(ranking) + "; or a baseline fit by counting: " + inWords(counting) + ".";
    }

    /** "a", "a or b", "a, b or c". */
    private static String inWords(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** The names {@code --model} takes, for shell completion. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ModelTypes.names(ModelTypes.all()).iterator();
        }
    }
}
