package org.seqrec.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seqrec.encoder.Device;

/**
 * Hyper-parameters and run settings of one training run. The constructor rejects values outside
 * their range with a message naming the parameter (and the command-line flag) and the range.
 *
 * @param model network family; only {@code sasrec} for now
 * @param loss {@code ce} (softmax cross-entropy over all items) or {@code bce} (binary
 *     cross-entropy with one sampled negative per position, as in the SASRec paper)
 * @param epochs passes over the training sequences, 1..{@value #MAX_EPOCHS}
 * @param batchSize sequences per optimiser step, 1..{@value #MAX_BATCH_SIZE}
 * @param learningRate Adam step size, in (0, 10]
 * @param dim D, the embedding and hidden size, 1..{@value #MAX_DIM}, a multiple of {@code heads}
 * @param maxLen L, the longest history the network reads, 1..{@value #MAX_LEN}
 * @param blocks self-attention blocks, 1..{@value #MAX_BLOCKS}
 * @param heads attention heads per block, 1..{@value #MAX_HEADS}
 * @param dropout dropout rate, in [0, 1)
 * @param seed seeds initialisation, shuffling, negative sampling and dropout
 * @param device where to train
 * @param threads CPU threads for the engine, 1..{@value #MAX_THREADS}
 */
public record TrainingConfig(String model, String loss, int epochs, int batchSize, float learningRate, int dim,
                             int maxLen, int blocks, int heads, float dropout, long seed, Device device,
                             int threads) {
    public static final List<String> MODELS = List.of("sasrec");
    public static final List<String> LOSSES = List.of("ce", "bce");
    public static final String DEFAULT_MODEL = "sasrec";
    public static final String DEFAULT_LOSS = "ce";
    public static final int DEFAULT_EPOCHS = 50;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final float DEFAULT_LEARNING_RATE = 0.001f;
    public static final int DEFAULT_DIM = 64;
    public static final int DEFAULT_MAX_LEN = 50;
    public static final int DEFAULT_BLOCKS = 2;
    public static final int DEFAULT_HEADS = 1;
    public static final float DEFAULT_DROPOUT = 0.2f;
    public static final long DEFAULT_SEED = 42L;
    public static final int MAX_EPOCHS = 10_000;
    public static final int MAX_BATCH_SIZE = 65_536;
    public static final int MAX_DIM = 4096;
    public static final int MAX_LEN = 4096;
    public static final int MAX_BLOCKS = 48;
    public static final int MAX_HEADS = 64;
    public static final int MAX_THREADS = 1024;

    public TrainingConfig {
        Objects.requireNonNull(device, "device");
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("--model must be one of " + MODELS + ", got '" + model + "'");
        }
        if (!LOSSES.contains(loss)) {
            throw new IllegalArgumentException("--loss must be one of " + LOSSES + ", got '" + loss + "'");
        }
        checkRange("--epochs", epochs, 1, MAX_EPOCHS);
        checkRange("--batch-size", batchSize, 1, MAX_BATCH_SIZE);
        if (!(learningRate > 0f && learningRate <= 10f)) {
            throw new IllegalArgumentException("--lr must be in (0, 10], got " + learningRate);
        }
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
        checkRange("--threads", threads, 1, MAX_THREADS);
    }

    /** The defaults: sasrec, ce, 50 epochs, batch 128, lr 0.001, D 64, L 50, 2 blocks, 1 head, dropout 0.2, seed 42, auto, all cores. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(DEFAULT_MODEL, DEFAULT_LOSS, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE,
                DEFAULT_DIM, DEFAULT_MAX_LEN, DEFAULT_BLOCKS, DEFAULT_HEADS, DEFAULT_DROPOUT, DEFAULT_SEED,
                Device.AUTO, defaultThreads());
    }

    /** The number of available processors, capped at {@value #MAX_THREADS}. */
    public static int defaultThreads() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }

    /** Every field by its snake_case name, for reports and the artifact manifest. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("loss", loss);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", (double) learningRate);
        m.put("dim", dim);
        m.put("max_len", maxLen);
        m.put("blocks", blocks);
        m.put("heads", heads);
        m.put("dropout", (double) dropout);
        m.put("seed", seed);
        m.put("device", device.name().toLowerCase(java.util.Locale.ROOT));
        m.put("threads", threads);
        return m;
    }

    private static void checkRange(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
