package org.seqrec.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.seqrec.trainer.train.batch.BatchMaker;
import org.seqrec.trainer.train.checkpoint.Checkpoint;
import org.seqrec.trainer.train.checkpoint.CheckpointStore;
import org.seqrec.trainer.train.checkpoint.ParameterCopy;
import org.seqrec.trainer.train.optim.AdamOptimizer;

/**
 * The epoch loop: per epoch, shuffle, one {@link StepRunner#step} per batch, validation, the best
 * epoch and early stopping ({@link EarlyStopping}), then a checkpoint when a store is set. Every
 * epoch draws its randomness from {@link EpochSeeds}, so a run resumed from a checkpoint continues
 * exactly as the uninterrupted run would (given the same threads and device).
 *
 * <p>Runs on the caller's thread; native memory as in {@link StepRunner}. Not thread-safe.
 */
final class EpochLoop {
    /**
     * Everything the loop works with; {@code checkpoints} may be null (no checkpoints). {@code
     * selectionMetric} is the validation metric that picks the best epoch.
     */
    record Parts(
            TrainingConfig cfg,
            Engine engine,
            Map<String, NDArray> parameters,
            String selectionMetric,
            StepRunner steps,
            AdamOptimizer adam,
            BatchMaker batches,
            List<int[]> sequences,
            Supplier<Map<String, Double>> validation,
            CheckpointStore checkpoints,
            String dataFingerprint) {}

    private final Parts parts;
    private final EarlyStopping stopping;
    private final List<EpochRecord> history = new ArrayList<>();
    private int epochsDone;

    EpochLoop(Parts parts) {
        this.parts = parts;
        this.stopping = new EarlyStopping(parts.cfg().patience());
    }

    /**
     * Continues after a checkpoint's epoch: restores parameters, Adam's state, the best epoch and
     * the history, and replays the finished epochs to {@code listener} ({@link TrainingListener#epochRestored}).
     */
    void resumeFrom(Checkpoint c, TrainingListener listener) {
        Checkpoint.State s = c.state();
        ParameterCopy.restore(parts.parameters(), c.parameters());
        parts.adam().restore(s.adamSteps(), c.moments());
        stopping.restore(s.bestEpoch(), s.bestScore(), s.bestMetrics(), s.epochsSinceBest(), c.bestParameters());
        history.addAll(s.history());
        epochsDone = s.epoch();
        for (EpochRecord e : history) {
            listener.epochRestored(e);
        }
    }

    /** Trains from the epoch after the last finished one up to {@code cfg.epochs()} or an early stop. */
    void run(NDManager root, TrainingListener listener) {
        TrainingConfig cfg = parts.cfg();
        List<int[]> sequences = parts.sequences();
        int batches = (sequences.size() + cfg.batchSize() - 1) / cfg.batchSize();
        for (int epoch = epochsDone + 1; epoch <= cfg.epochs() && !stopping.shouldStop(); epoch++) {
            long start = System.nanoTime();
            listener.epochStarted(epoch, batches);
            EpochSeeds seeds = new EpochSeeds(cfg.seed(), epoch);
            parts.engine().setRandomSeed(seeds.engine());
            List<int[]> order = new ArrayList<>(sequences);
            Collections.shuffle(order, seeds.shuffle());
            SplittableRandom random = seeds.sampling();
            double lossSum = 0;
            for (int from = 0; from < order.size(); from += cfg.batchSize()) {
                List<int[]> slice = order.subList(from, Math.min(order.size(), from + cfg.batchSize()));
                float value = parts.steps().step(root, parts.batches().make(slice, random), random);
                lossSum += value;
                listener.batchDone(value);
            }
            Map<String, Double> metrics = parts.validation().get();
            double score = metrics.getOrDefault(parts.selectionMetric(), (double) epoch);
            stopping.record(epoch, score, metrics, () -> ParameterCopy.snapshot(parts.parameters()));
            epochsDone = epoch;
            float meanLoss = (float) (lossSum / batches);
            history.add(new EpochRecord(epoch, meanLoss, metrics, (System.nanoTime() - start) / 1e9));
            if (parts.checkpoints() != null) {
                parts.checkpoints().write(checkpoint());
            }
            listener.epochDone(epoch, meanLoss, metrics);
        }
    }

    private Checkpoint checkpoint() {
        Checkpoint.State state = new Checkpoint.State(
                Checkpoint.FORMAT,
                epochsDone,
                CheckpointStore.comparable(parts.cfg().asMap()),
                parts.dataFingerprint(),
                parts.adam().step(),
                stoppedEarly(),
                stopping.bestEpoch(),
                stopping.bestScore(),
                stopping.bestMetrics(),
                stopping.epochsSinceBest(),
                List.copyOf(history));
        return new Checkpoint(
                state, ParameterCopy.snapshot(parts.parameters()), parts.adam().moments(), stopping.bestParameters());
    }

    EarlyStopping stopping() {
        return stopping;
    }

    /** Whether early stopping ended the run before {@code cfg.epochs()}. */
    boolean stoppedEarly() {
        return stopping.shouldStop() && epochsDone < parts.cfg().epochs();
    }

    List<EpochRecord> history() {
        return List.copyOf(history);
    }
}
