package org.seqrec.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SasRecNetwork;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.split.LeaveOneOut;

/**
 * Trains SASRec on the training part of a leave-one-out split with Adam, validating on the held-out
 * validation item after every epoch and keeping the parameters of the best epoch (by full-ranking
 * NDCG@10). Every position of a training sequence predicts its next item, as in the paper.
 *
 * <p>Native memory: one base manager owns the parameters and Adam's state for the whole run; each
 * batch and each validation call work in a sub-manager closed at its end.
 */
public final class SasRecTraining {
    /** The validation metric that picks the epoch to keep. */
    public static final String SELECTION_METRIC = "val_full.ndcg@10";

    private SasRecTraining() {}

    public static ModelArtifact train(InteractionData data, LeaveOneOut split, TrainingConfig cfg, TrainingListener listener) {
        DjlRuntime.configure(null, cfg.threads());
        Engine engine = DjlRuntime.engine();
        engine.setRandomSeed((int) cfg.seed());
        LossFunction loss = LossFunction.parse(cfg.loss());
        SasRecConfig netConfig = new SasRecConfig(data.numItems(), cfg.dim(), cfg.maxLen(), cfg.blocks(), cfg.heads(), cfg.dropout());
        List<int[]> sequences = new ArrayList<>();
        for (int[] s : split.trainSequences()) {
            if (s.length >= 2) {
                sequences.add(s);
            }
        }
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no user has two or more training interactions: nothing to learn from");
        }
        Random shuffle = new Random(cfg.seed());
        SplittableRandom negatives = new SplittableRandom(cfg.seed() + 1);
        try (NDManager root = NDManager.newBaseManager(DjlRuntime.resolve(cfg.device()), "PyTorch")) {
            SasRecNetwork network = SasRecNetwork.initialize(netConfig, root, cfg.seed());
            network.parameters().values().forEach(p -> p.setRequiresGradient(true));
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).build();
            Evaluator validator = new Evaluator(new NetworkScorer(network, root), data.numItems(), Evaluator.DEFAULT_BATCH_SIZE);

            Map<String, FloatTensor> best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            Map<String, Double> bestMetrics = Map.of();
            int batches = (sequences.size() + cfg.batchSize() - 1) / cfg.batchSize();
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                listener.epochStarted(epoch, batches);
                Collections.shuffle(sequences, shuffle);
                double lossSum = 0;
                for (int start = 0; start < sequences.size(); start += cfg.batchSize()) {
                    TrainingBatch batch = TrainingBatch.of(sequences.subList(start, Math.min(sequences.size(), start + cfg.batchSize())), cfg.maxLen());
                    float value = step(engine, root, network, adam, loss, batch, negatives);
                    lossSum += value;
                    listener.batchDone(value);
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                if (!split.validationCases().isEmpty()) {
                    EvaluationResult val = validator.evaluate(split.validationCases(), new EvaluationProtocol.Full(), cfg.seed());
                    metrics.putAll(val.flatten("val"));
                }
                double score = metrics.getOrDefault(SELECTION_METRIC, (double) epoch);
                if (best == null || score > bestScore) {
                    bestScore = score;
                    bestEpoch = epoch;
                    bestMetrics = metrics;
                    best = snapshot(network);
                }
                listener.epochDone(epoch, (float) (lossSum / batches), metrics);
            }
            return export(data, netConfig, cfg, best, bestEpoch, bestMetrics);
        }
    }

    /** One Adam step on one batch; returns the batch's mean loss. */
    private static float step(Engine engine, NDManager root, SasRecNetwork network, Optimizer adam, LossFunction loss,
                              TrainingBatch batch, SplittableRandom negatives) {
        try (NDManager m = root.newSubManager()) {
            float value;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray rows = m.create(batch.inputs(), new Shape(batch.batchSize(), batch.maxLen()));
                NDArray hidden = network.hidden(rows, true).reshape(-1, network.config().dim());
                // Keep only positions with a real target: (N, D)
                NDArray positions = m.create(batch.positions());
                NDArray atTargets = positions.getNDArrayInternal().embedding(positions, hidden, SparseFormat.DENSE).singletonOrThrow();
                NDArray l = loss.compute(atTargets, network.itemEmbeddings(), batch, negatives);
                gc.backward(l);
                value = l.getFloat();
            }
            for (Map.Entry<String, NDArray> p : network.parameters().entrySet()) {
                try (NDArray grad = p.getValue().getGradient()) {
                    adam.update(p.getKey(), p.getValue(), grad);
                }
            }
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("training diverged (loss " + value + "): lower --lr");
            }
            return value;
        }
    }

    private static Map<String, FloatTensor> snapshot(SasRecNetwork network) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        network.parameters().forEach((k, v) -> out.put(k, Networks.toTensor(v)));
        return out;
    }

    private static ModelArtifact export(InteractionData data, SasRecConfig net, TrainingConfig cfg, Map<String, FloatTensor> params,
                                        int bestEpoch, Map<String, Double> validation) {
        Map<String, Object> hyper = new LinkedHashMap<>(net.toHyperParameters());
        hyper.put("loss", cfg.loss());
        hyper.put("epochs", cfg.epochs());
        hyper.put("best_epoch", bestEpoch);
        hyper.put("batch_size", cfg.batchSize());
        hyper.put("learning_rate", cfg.learningRate());
        hyper.put("seed", cfg.seed());
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, SasRecConfig.MODEL_TYPE, hyper, net.dim(), net.maxLen(),
                data.numItems(), Map.of(), data.summary(), new LinkedHashMap<>(validation), Instant.now().toString(),
                TrainerVersion.get());
        ModelArtifact.Builder builder = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(data.vocabulary())
                .setItemEmbeddings(params.get(Networks.ITEM_EMBEDDING));
        params.forEach((name, tensor) -> {
            if (!name.equals(Networks.ITEM_EMBEDDING)) {
                builder.addParameter(name, tensor);
            }
        });
        return builder.build();
    }
}
