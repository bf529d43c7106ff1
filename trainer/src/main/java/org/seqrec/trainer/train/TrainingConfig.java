package org.seqrec.trainer.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.model.CountingType;
import org.seqrec.model.HyperParameter;
import org.seqrec.model.ModelType;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.NetworkHyperParameters;
import org.seqrec.model.NetworkType;
import org.seqrec.model.RankingType;
import org.seqrec.nn.BsaRecConfig;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.TimeFeatures;
import org.seqrec.trainer.train.loss.CandidateLoss;
import org.seqrec.trainer.train.loss.Loss;

/**
 * Hyper-parameters and run settings of one training run. The constructor rejects values outside
 * their range with a message naming the command-line flag and the range, so everything past it
 * holds valid values. Build one with {@link #builder()}: unset fields take the documented defaults.
 * Which fields a model type and a loss read is in {@link ConfigScope}.
 *
 * @param model a network type or a counting baseline ({@link ModelTypes}); a baseline ({@link CountingType})
 *     is fit in one counting pass, so {@code epochs} becomes 1 and {@code patience} 0, it reads none of the
 *     network and optimiser fields, and refuses a checkpoint folder
 * @param loss training objective (see {@link org.seqrec.trainer.train.loss.TrainingLoss})
 * @param negatives negatives per sequence ({@code sampled-ce}) or per position ({@code gbce}),
 *     1..{@value #MAX_NEGATIVES}; ignored by {@code ce} and {@code bce}
 * @param gbceT gSASRec's calibration t, in [0, 1]; used by {@code gbce} only
 * @param epochs passes over the training sequences, 1..{@value #MAX_EPOCHS}
 * @param batchSize sequences per optimiser step, 1..{@value #MAX_BATCH_SIZE}
 * @param learningRate Adam step size, in (0, 10]; the builder's default is the model type's
 *     ({@link ModelDefaults}), as for {@code weightDecay} and {@code dropout}
 * @param weightDecay Adam L2 penalty (added to the gradient as wd * w), in [0, 1]
 * @param clipGradNorm largest global L2 norm of the gradient, 0 = no clipping, in [0, 1e6]
 * @param patience stop after this many epochs without a better validation NDCG@10, 0 = never,
 *     0..{@value #MAX_EPOCHS}
 * @param dim D, the embedding and hidden size, 1..{@value #MAX_DIM}, a multiple of {@code heads}
 * @param maxLen L, the longest history the network reads, 1..{@value #MAX_LEN}
 * @param blocks transformer blocks, 1..{@value #MAX_BLOCKS} ({@link HyperParameter#BLOCKS})
 * @param heads attention heads per block, 1..{@value #MAX_HEADS} ({@link HyperParameter#HEADS})
 * @param dropout dropout rate, in [0, 1)
 * @param layerNorm where transformer blocks normalise ({@link HyperParameter#LAYER_NORM})
 * @param layers stacked recurrent layers, 1..{@value #MAX_LAYERS} ({@link HyperParameter#LAYERS})
 * @param window the latest items a convolution reads, 1..{@value #MAX_WINDOW} ({@link HyperParameter#WINDOW});
 *     a type may bound it further (see {@link NetworkType#checkHyperParameters})
 * @param hFilters horizontal convolution filters per height, 1..{@value #MAX_FILTERS}
 * @param vFilters vertical convolution filters, 1..{@value #MAX_FILTERS}
 * @param maskProb the Cloze task's masking probability, in (0, 1) ({@link HyperParameter#MASK_PROB})
 * @param timeFeatures the event-time features the network reads ({@link HyperParameter#TIME_FEATURES}):
 *     {@code none} or {@code gap_hour}; any but none needs a log with times
 * @param alpha BSARec's share of the frequency sub-layer, in [0, 1] ({@link HyperParameter#ALPHA})
 * @param lowPass BSARec's low-pass filter keeps frequencies 0 .. lowPass / 2, 1..{@value #MAX_LEN}
 *     and at most {@code maxLen} ({@link HyperParameter#LOW_PASS})
 * @param seed seeds initialisation, shuffling, negatives, masking and dropout
 * @param device where to train
 * @param threads CPU threads for the engine, 1..{@value #MAX_THREADS}
 * @param checkpointDir folder for the per-epoch checkpoint, or null for none
 * @param resume continue from the checkpoint in {@code checkpointDir} (which must then be set)
 */
public record TrainingConfig(
        ModelType model,
        Loss loss,
        int negatives,
        float gbceT,
        int epochs,
        int batchSize,
        float learningRate,
        float weightDecay,
        float clipGradNorm,
        int patience,
        int dim,
        int maxLen,
        int blocks,
        int heads,
        float dropout,
        LayerNormPlacement layerNorm,
        int layers,
        int window,
        int hFilters,
        int vFilters,
        float maskProb,
        TimeFeatures timeFeatures,
        float alpha,
        int lowPass,
        long seed,
        DevicePreference device,
        int threads,
        Path checkpointDir,
        boolean resume) {
    public static final ModelType DEFAULT_MODEL = ModelTypes.DEFAULT;
    public static final Loss DEFAULT_LOSS = Loss.CE;
    public static final int DEFAULT_NEGATIVES = 256;
    /** A ranking model's loss when none is named: it cannot afford the full softmax. */
    public static final Loss DEFAULT_RANKING_LOSS = Loss.SAMPLED_CE;
    /**
     * A ranking model's negatives per position when none is named: it reads the history once per
     * candidate, so each costs a pass of the attention.
     */
    public static final int DEFAULT_RANKING_NEGATIVES = 16;

    public static final float DEFAULT_GBCE_T = 0.75f;
    /** An upper bound: {@link #DEFAULT_PATIENCE} ends a run on its own long before on the data sets measured. */
    public static final int DEFAULT_EPOCHS = 200;
    /**
     * Early stopping is on by default: a run ends after this many epochs without a better validation
     * NDCG@10 and keeps its best epoch (BSARec's setting; docs/trainer.md, "Defaults").
     */
    public static final int DEFAULT_PATIENCE = 10;

    public static final int DEFAULT_BATCH_SIZE = 128;
    /** The learning rate of most model types ({@link ModelDefaults#STANDARD}). */
    public static final float DEFAULT_LEARNING_RATE = 0.001f;

    /**
     * A ranking model that starts from a trained retrieval model's weights (BST) starts at a good
     * ranking: at {@link #DEFAULT_LEARNING_RATE} the first steps undo it (MovieLens-100k: validation
     * NDCG@10 0.062 -> 0.053 after one epoch), at a tenth of it they refine it.
     */
    public static final float DEFAULT_WARM_START_LEARNING_RATE = 0.0001f;

    public static final int DEFAULT_DIM = 64;
    public static final int DEFAULT_MAX_LEN = 50;
    public static final int DEFAULT_BLOCKS = 2;
    public static final int DEFAULT_HEADS = 1;
    /** The dropout of most model types ({@link ModelDefaults#STANDARD}). */
    public static final float DEFAULT_DROPOUT = 0.2f;

    public static final LayerNormPlacement DEFAULT_LAYER_NORM = LayerNormPlacement.PRE;
    public static final int DEFAULT_LAYERS = 1;
    public static final int DEFAULT_WINDOW = 5;
    public static final int DEFAULT_H_FILTERS = 16;
    public static final int DEFAULT_V_FILTERS = 4;
    public static final float DEFAULT_MASK_PROB = 0.2f;
    public static final TimeFeatures DEFAULT_TIME_FEATURES = TimeFeatures.NONE;
    public static final float DEFAULT_ALPHA = BsaRecConfig.DEFAULT_ALPHA;
    public static final int DEFAULT_LOW_PASS = BsaRecConfig.DEFAULT_LOW_PASS;
    public static final long DEFAULT_SEED = 42L;
    public static final int MAX_NEGATIVES = 100_000;
    public static final int MAX_EPOCHS = 10_000;
    public static final int MAX_BATCH_SIZE = 65_536;
    public static final int MAX_DIM = 4096;
    public static final int MAX_LEN = 4096;
    public static final int MAX_BLOCKS = 32;
    public static final int MAX_HEADS = 64;
    public static final int MAX_LAYERS = 8;
    public static final int MAX_FILTERS = 1024;
    public static final int MAX_WINDOW = 64;
    public static final int MAX_THREADS = 1024;
    public static final float MAX_CLIP_GRAD_NORM = 1e6f;

    public TrainingConfig {
        Objects.requireNonNull(model, "--model");
        Objects.requireNonNull(loss, "--loss");
        Objects.requireNonNull(layerNorm, "--layer-norm");
        Objects.requireNonNull(timeFeatures, "--time-features");
        Objects.requireNonNull(device, "device");
        checkRange("--negatives", negatives, 1, MAX_NEGATIVES);
        checkRange("--gbce-t", gbceT, 0f, 1f);
        checkRange("--epochs", epochs, 1, MAX_EPOCHS);
        checkRange("--batch-size", batchSize, 1, MAX_BATCH_SIZE);
        if (!(learningRate > 0f && learningRate <= 10f)) {
            throw new IllegalArgumentException("--lr must be in (0, 10], got " + learningRate);
        }
        checkRange("--weight-decay", weightDecay, 0f, 1f);
        checkRange("--clip-grad-norm", clipGradNorm, 0f, MAX_CLIP_GRAD_NORM);
        checkRange("--patience", patience, 0, MAX_EPOCHS);
        checkRange("--dim", dim, 1, MAX_DIM);
        checkRange("--max-len", maxLen, 1, MAX_LEN);
        checkRange("--blocks", blocks, 1, MAX_BLOCKS);
        checkRange("--heads", heads, 1, MAX_HEADS);
        if (dim % heads != 0) {
            throw new IllegalArgumentException("--dim (" + dim + ") must be a multiple of --heads (" + heads + ")");
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        checkRange("--layers", layers, 1, MAX_LAYERS);
        checkRange("--window", window, 1, MAX_WINDOW);
        if (model instanceof NetworkType type) {
            type.checkHyperParameters(
                    new NetworkHyperParameters(
                            dim,
                            maxLen,
                            blocks,
                            heads,
                            dropout,
                            layerNorm,
                            layers,
                            window,
                            hFilters,
                            vFilters,
                            maskProb,
                            timeFeatures,
                            alpha,
                            lowPass),
                    h -> ConfigScope.flagOf(h.key()));
        }
        checkRange("--h-filters", hFilters, 1, MAX_FILTERS);
        checkRange("--v-filters", vFilters, 1, MAX_FILTERS);
        if (!(maskProb > 0f && maskProb < 1f)) {
            throw new IllegalArgumentException("--mask-prob must be in (0, 1), got " + maskProb);
        }
        checkRange("--alpha", alpha, 0f, 1f);
        checkRange("--low-pass", lowPass, 1, MAX_LEN);
        checkRange("--threads", threads, 1, MAX_THREADS);
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint-dir (the folder holding the checkpoint)");
        }
        if (model instanceof RankingType) {
            CandidateLoss.check(loss, model.name());
        }
        if (model instanceof CountingType) {
            if (checkpointDir != null) {
                throw new IllegalArgumentException("--checkpoint-dir applies to "
                        + String.join(", ", ModelTypes.names(ModelTypes.trainedByGradient())) + " only; --model "
                        + model.name()
                        + " is fit in one counting pass");
            }
            epochs = 1;
            patience = 0;
        }
    }

    /** Whether {@link #model()} is a counting baseline rather than a network. */
    public boolean isBaseline() {
        return model instanceof CountingType;
    }

    /** The network hyper-parameters, for {@link NetworkType#config}; a type reads those it declares. */
    public NetworkHyperParameters network() {
        return new NetworkHyperParameters(
                dim,
                maxLen,
                blocks,
                heads,
                dropout,
                layerNorm,
                layers,
                window,
                hFilters,
                vFilters,
                maskProb,
                timeFeatures,
                alpha,
                lowPass);
    }

    /**
     * The model type named {@code name}.
     *
     * @throws IllegalArgumentException listing the registered names when there is none
     */
    public static ModelType parseModel(String name) {
        return ModelTypes.find(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "--model must be one of " + ModelTypes.names(ModelTypes.all()) + ", got '" + name + "'"));
    }

    /**
     * The loss named {@code id}.
     *
     * @throws IllegalArgumentException listing the losses when there is none
     */
    public static Loss parseLoss(String id) {
        return Loss.forId(id)
                .orElseThrow(() -> new IllegalArgumentException(
                        "--loss must be one of " + Arrays.toString(Loss.values()) + ", got '" + id + "'"));
    }

    /**
     * The layer-norm placement {@code pre} or {@code post} (exact spelling).
     *
     * @throws IllegalArgumentException listing both when {@code id} is neither
     */
    public static LayerNormPlacement parseLayerNorm(String id) {
        return Arrays.stream(LayerNormPlacement.values())
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--layer-norm must be one of "
                        + Arrays.stream(LayerNormPlacement.values())
                                .map(LayerNormPlacement::id)
                                .toList() + ", got '" + id + "'"));
    }

    /**
     * The time features {@code none} or {@code gap_hour} (exact spelling).
     *
     * @throws IllegalArgumentException listing both when {@code id} is neither
     */
    public static TimeFeatures parseTimeFeatures(String id) {
        return Arrays.stream(TimeFeatures.values())
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--time-features must be one of "
                        + Arrays.stream(TimeFeatures.values())
                                .map(TimeFeatures::id)
                                .toList() + ", got '" + id + "'"));
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults: {@link #DEFAULT_MODEL}, ce, up to 200 epochs with patience 10, batch 128, lr 0.001, D 64,
     * L 50, 2 blocks, 1 head, dropout 0.2, one thread, ...
     */
    public static TrainingConfig defaults() {
        return builder().build();
    }

    /**
     * One engine thread. PyTorch's OpenMP threads wait for each other at every operation, so as soon
     * as anything else holds a core, N threads run slower than one (Beauty SASRec: 2 threads took 3x
     * as long as 1 on the 2-core machine while a build ran); on an idle many-core machine or a GPU,
     * {@code --threads N} is the way to use more (docs/trainer.md, "Threads").
     */
    public static int defaultThreads() {
        return 1;
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Every field by its snake_case name, for reports, the manifest and checkpoints; for a baseline
     * only the fields it reads: model, seed, device and threads.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.name());
        if (isBaseline()) {
            m.put("seed", seed);
            m.put("device", device.name().toLowerCase(Locale.ROOT));
            m.put("threads", threads);
            return m;
        }
        m.put("loss", loss.id());
        m.put("negatives", negatives);
        m.put("gbce_t", (double) gbceT);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", (double) learningRate);
        m.put("weight_decay", (double) weightDecay);
        m.put("clip_grad_norm", (double) clipGradNorm);
        m.put("patience", patience);
        m.put("dim", dim);
        m.put("max_len", maxLen);
        m.put("blocks", blocks);
        m.put("heads", heads);
        m.put("dropout", (double) dropout);
        m.put("layer_norm", layerNorm.id());
        m.put("layers", layers);
        m.put("window", window);
        m.put("h_filters", hFilters);
        m.put("v_filters", vFilters);
        m.put("mask_prob", (double) maskProb);
        m.put("time_features", timeFeatures.id());
        m.put("alpha", (double) alpha);
        m.put("low_pass", lowPass);
        m.put("seed", seed);
        m.put("device", device.name().toLowerCase(Locale.ROOT));
        m.put("threads", threads);
        m.put("checkpoint_dir", checkpointDir == null ? null : checkpointDir.toString());
        m.put("resume", resume);
        return m;
    }

    private static void checkRange(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    private static void checkRange(String flag, float value, float min, float max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(flag + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /**
     * Mutable builder with fluent setters named after the record components; {@link #build()} validates.
     * Model, loss and layer norm may also be given by name, as on the command line and in benchmark files.
     */
    public static final class Builder {
        private ModelType model = DEFAULT_MODEL;
        private Loss loss = DEFAULT_LOSS;
        private int negatives = DEFAULT_NEGATIVES;
        private float gbceT = DEFAULT_GBCE_T;
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        // null: the model type's default (ModelDefaults), resolved by build()
        private Float learningRate;
        private Float weightDecay;
        private float clipGradNorm;
        private int patience = DEFAULT_PATIENCE;
        private int dim = DEFAULT_DIM;
        private int maxLen = DEFAULT_MAX_LEN;
        private int blocks = DEFAULT_BLOCKS;
        private int heads = DEFAULT_HEADS;
        private Float dropout;
        private LayerNormPlacement layerNorm = DEFAULT_LAYER_NORM;
        private int layers = DEFAULT_LAYERS;
        private int window = DEFAULT_WINDOW;
        private int hFilters = DEFAULT_H_FILTERS;
        private int vFilters = DEFAULT_V_FILTERS;
        private float maskProb = DEFAULT_MASK_PROB;
        private TimeFeatures timeFeatures = DEFAULT_TIME_FEATURES;
        private float alpha = DEFAULT_ALPHA;
        private int lowPass = DEFAULT_LOW_PASS;
        private long seed = DEFAULT_SEED;
        private DevicePreference device = DevicePreference.AUTO;
        private int threads = defaultThreads();
        private Path checkpointDir;
        private boolean resume;

        private Builder() {}

        private Builder(TrainingConfig c) {
            model(c.model)
                    .loss(c.loss)
                    .negatives(c.negatives)
                    .gbceT(c.gbceT)
                    .epochs(c.epochs)
                    .batchSize(c.batchSize)
                    .learningRate(c.learningRate)
                    .weightDecay(c.weightDecay)
                    .clipGradNorm(c.clipGradNorm)
                    .patience(c.patience)
                    .dim(c.dim)
                    .maxLen(c.maxLen)
                    .blocks(c.blocks)
                    .heads(c.heads)
                    .dropout(c.dropout)
                    .layerNorm(c.layerNorm)
                    .layers(c.layers)
                    .window(c.window)
                    .hFilters(c.hFilters)
                    .vFilters(c.vFilters)
                    .maskProb(c.maskProb)
                    .timeFeatures(c.timeFeatures)
                    .alpha(c.alpha)
                    .lowPass(c.lowPass)
                    .seed(c.seed)
                    .device(c.device)
                    .threads(c.threads)
                    .checkpointDir(c.checkpointDir)
                    .resume(c.resume);
        }

        // @formatter:off
        public Builder model(ModelType v) { model = v; return this; }
        public Builder loss(Loss v) { loss = v; return this; }
        public Builder negatives(int v) { negatives = v; return this; }
        public Builder gbceT(float v) { gbceT = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder weightDecay(float v) { weightDecay = v; return this; }
        public Builder clipGradNorm(float v) { clipGradNorm = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder dim(int v) { dim = v; return this; }
        public Builder maxLen(int v) { maxLen = v; return this; }
        public Builder blocks(int v) { blocks = v; return this; }
        public Builder heads(int v) { heads = v; return this; }
        public Builder dropout(float v) { dropout = v; return this; }
        public Builder layerNorm(LayerNormPlacement v) { layerNorm = v; return this; }
        public Builder layers(int v) { layers = v; return this; }
        public Builder window(int v) { window = v; return this; }
        public Builder hFilters(int v) { hFilters = v; return this; }
        public Builder vFilters(int v) { vFilters = v; return this; }
        public Builder maskProb(float v) { maskProb = v; return this; }
        public Builder timeFeatures(TimeFeatures v) { timeFeatures = v; return this; }
        public Builder alpha(float v) { alpha = v; return this; }
        public Builder lowPass(int v) { lowPass = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder device(DevicePreference v) { device = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder checkpointDir(Path v) { checkpointDir = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        // @formatter:on

        /** The model type named {@code name}; IllegalArgumentException listing the names if there is none. */
        public Builder model(String name) {
            return model(parseModel(name));
        }

        /** The loss named {@code id}; IllegalArgumentException listing the losses if there is none. */
        public Builder loss(String id) {
            return loss(parseLoss(id));
        }

        /** {@code pre} or {@code post}; IllegalArgumentException otherwise. */
        public Builder layerNorm(String id) {
            return layerNorm(parseLayerNorm(id));
        }

        /** {@code none} or {@code gap_hour}; IllegalArgumentException otherwise. */
        public Builder timeFeatures(String id) {
            return timeFeatures(parseTimeFeatures(id));
        }

        /** @throws IllegalArgumentException naming the flag and its range when a value is out of range */
        public TrainingConfig build() {
            ModelDefaults defaults = ModelDefaults.of(model);
            return new TrainingConfig(
                    model,
                    loss,
                    negatives,
                    gbceT,
                    epochs,
                    batchSize,
                    learningRate != null ? learningRate : defaults.learningRate(),
                    weightDecay != null ? weightDecay : defaults.weightDecay(),
                    clipGradNorm,
                    patience,
                    dim,
                    maxLen,
                    blocks,
                    heads,
                    dropout != null ? dropout : defaults.dropout(),
                    layerNorm,
                    layers,
                    window,
                    hFilters,
                    vFilters,
                    maskProb,
                    timeFeatures,
                    alpha,
                    lowPass,
                    seed,
                    device,
                    threads,
                    checkpointDir,
                    resume);
        }
    }
}
