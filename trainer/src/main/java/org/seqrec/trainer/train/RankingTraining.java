package org.seqrec.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.model.RankingType;
import org.seqrec.model.TrainingTask;
import org.seqrec.nn.FeatureNetwork;
import org.seqrec.nn.FeatureRankingNetwork;
import org.seqrec.nn.Networks;
import org.seqrec.nn.RankingConfig;
import org.seqrec.nn.RankingNetwork;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.eval.BatchScorer;
import org.seqrec.trainer.eval.CandidateScorer;
import org.seqrec.trainer.eval.CpuRanker;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.eval.TwoStageScorer;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.batch.BatchMaker;
import org.seqrec.trainer.train.checkpoint.Checkpoint;
import org.seqrec.trainer.train.checkpoint.CheckpointStore;
import org.seqrec.trainer.train.checkpoint.ParameterCopy;
import org.seqrec.trainer.train.loss.CandidateLoss;
import org.seqrec.trainer.train.optim.AdamOptimizer;

/**
 * Trains a ranking network ({@link RankingType}, DIN) on the same split, batches, optimiser, epochs,
 * early stopping and checkpoints as {@link Training}; only the objective differs
 * ({@link CandidateLoss}: every target position ranks its target against sampled negatives, half of
 * them from the retrieval model's top items for that user when one is given: the hard negatives the
 * ranker will face).
 *
 * <p>Validation, after every epoch, is what the model will be used for when a retrieval model is
 * given: the two-stage pipeline ({@link TwoStageScorer}: the retrieval model's top
 * {@value TwoStageScorer#DEFAULT_DEPTH} reranked), ranked in full ({@value #TWO_STAGE_METRIC} picks
 * the epoch). Without one, the target among {@value #SAMPLED} sampled negatives
 * ({@value #SAMPLED_METRIC}). Validation scores with the network's plain-Java pass, as serving does.
 */
public final class RankingTraining {
    /** The metric that picks the epoch with a retrieval model: the pipeline's full ranking. */
    public static final String TWO_STAGE_METRIC = Training.SELECTION_METRIC;
    /** Negatives of the sampled validation without a retrieval model. */
    public static final int SAMPLED = 100;
    /** The metric that picks the epoch without a retrieval model. */
    public static final String SAMPLED_METRIC = "val_sampled_100.ndcg@10";

    private RankingTraining() {}

    /** The validation metric that picks the epoch, with or without a retrieval model. */
    public static String selectionMetric(boolean withRetrieval) {
        return withRetrieval ? TWO_STAGE_METRIC : SAMPLED_METRIC;
    }

    /**
     * @param retrieval scores every item with the retrieval model whose candidates this one reranks
     *     (rows of the same vocabulary), or null
     * @throws IllegalArgumentException when nothing can be learnt, the loss does not apply, or a
     *     checkpoint cannot be resumed
     * @throws IllegalStateException when the loss stops being finite
     */
    public static TrainingResult train(
            InteractionData data,
            LeaveOneOut split,
            TrainingConfig cfg,
            BatchScorer retrieval,
            TrainingListener listener) {
        return train(data, split, cfg, retrieval, null, null, listener);
    }

    /**
     * As {@link #train(InteractionData, LeaveOneOut, TrainingConfig, BatchScorer, TrainingListener)},
     * the network starting from {@code startFrom} (parameters by name, e.g. {@link RankingConfig#warmStart}
     * of the retrieval model; the others as initialised), or freshly initialised when it is null.
     *
     * <p>With item features ({@code features}; null: none) the network is wrapped in a
     * {@link FeatureRankingNetwork}; starting from {@code startFrom} its F then starts at 0, so that the
     * first pass scores exactly as the parameters it starts from.
     *
     * @throws IllegalArgumentException also for a parameter of {@code startFrom} the network does not
     *     have, or of another shape
     */
    public static TrainingResult train(
            InteractionData data,
            LeaveOneOut split,
            TrainingConfig cfg,
            BatchScorer retrieval,
            Map<String, FloatTensor> startFrom,
            FeatureInput features,
            TrainingListener listener) {
        if (!(cfg.model() instanceof RankingType type)) {
            throw new IllegalArgumentException("--model " + cfg.model() + " is not a ranking model");
        }
        DjlRuntime.configure(null, cfg.threads());
        RankingConfig netConfig = type.config(data.numItems(), cfg.network());
        List<int[]> sequences = Training.trainable(split);
        CandidateLoss loss = CandidateLoss.of(cfg.loss(), cfg.negatives(), data.numItems(), type.name());
        if (retrieval != null) {
            loss = loss.withPools(hardNegativePools(retrieval, sequences, data.numItems(), netConfig.maxLen()));
        }
        CandidateLoss objective = loss;
        String fingerprint = CheckpointStore.fingerprint(sequences, data.numItems())
                + (features == null ? "" : "+" + features.fingerprint());
        CheckpointStore store = cfg.checkpointDir() == null ? null : new CheckpointStore(cfg.checkpointDir());
        Checkpoint resumed = Training.checkpointToResume(store, cfg, fingerprint);
        try (NDManager root = NDManager.newBaseManager(DjlRuntime.resolve(cfg.device()), "PyTorch")) {
            RankingNetwork network = features == null
                    ? netConfig.initialize(root, cfg.seed())
                    : FeatureRankingNetwork.initialize(
                            netConfig, features.features(), features.idDropout(), root, cfg.seed());
            if (startFrom != null) {
                startFrom(network, startFrom);
                if (features != null) {
                    NDArray table = network.parameters().get(FeatureNetwork.FEATURE_EMBEDDING);
                    table.set(new float[Math.toIntExact(table.size())]);
                }
            }
            network.parameters().values().forEach(p -> p.setRequiresGradient(true));
            AdamOptimizer adam = new AdamOptimizer(cfg.learningRate(), cfg.weightDecay(), network.parameters());
            StepRunner steps = new StepRunner(
                    DjlRuntime.engine(),
                    network.parameters(),
                    (m, batch, random) -> objective.compute(network, m, batch, random),
                    adam,
                    cfg.clipGradNorm());
            EpochLoop loop = new EpochLoop(new EpochLoop.Parts(
                    cfg,
                    DjlRuntime.engine(),
                    network.parameters(),
                    selectionMetric(retrieval != null),
                    steps,
                    adam,
                    BatchMaker.forTask(TrainingTask.NEXT_ITEM, netConfig.maxLen(), data.numItems(), cfg.maskProb()),
                    sequences,
                    validation(type, network, retrieval, split, data, cfg),
                    store,
                    fingerprint));
            if (resumed != null) {
                loop.resumeFrom(resumed, listener);
            }
            loop.run(root, listener);
            EarlyStopping best = loop.stopping();
            ParameterCopy.restore(network.parameters(), best.bestParameters());
            ModelArtifact artifact = ArtifactExport.exportRanking(
                    data, netConfig, cfg, network, best.bestEpoch(), best.bestMetrics(), root);
            return new TrainingResult(
                    artifact,
                    best.bestEpoch(),
                    loop.history(),
                    loop.stoppedEarly(),
                    resumed == null ? 0 : resumed.state().epoch());
        }
    }

    private static Supplier<Map<String, Double>> validation(
            RankingType type,
            RankingNetwork network,
            BatchScorer retrieval,
            LeaveOneOut split,
            InteractionData data,
            TrainingConfig cfg) {
        return () -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (split.validationCases().isEmpty()) {
                return metrics;
            }
            CandidateScorer ranker = new CpuRanker(type.cpuNetwork(network.config(), servedTensors(network)));
            Evaluator evaluator = retrieval == null
                    ? new Evaluator(null, ranker, data.numItems(), Evaluator.DEFAULT_BATCH_SIZE)
                    : new Evaluator(
                            new TwoStageScorer(retrieval, ranker, TwoStageScorer.DEFAULT_DEPTH),
                            data.numItems(),
                            Evaluator.DEFAULT_BATCH_SIZE);
            EvaluationProtocol protocol =
                    retrieval == null ? new EvaluationProtocol.Sampled(SAMPLED) : new EvaluationProtocol.Full();
            metrics.putAll(evaluator
                    .evaluate(split.validationCases(), protocol, cfg.seed())
                    .flatten("val"));
            return metrics;
        };
    }

    /** Items per user in the hard-negative pool: the retrieval model's top that many, as the pipeline reranks. */
    public static final int POOL = TwoStageScorer.DEFAULT_DEPTH;

    /**
     * Each training sequence's hard negatives, per position: for the target at index j (as far back as
     * {@code maxLen} targets, the ones training reads), the retrieval model's top {@value #POOL} after
     * the items before it, less the sequence's own items. Per position, not after the whole sequence:
     * that top holds the item that follows the sequence (the validation target) and the one after it,
     * which would then be trained as negatives of exactly the cases they are evaluated on. Scored once,
     * before the first epoch.
     *
     * @return each sequence (by identity) to one pool per index, null where no target is trained
     */
    static Map<int[], int[][]> hardNegativePools(
            BatchScorer retrieval, List<int[]> sequences, int numItems, int maxLen) {
        List<int[]> prefixes = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        for (int[] sequence : sequences) {
            for (int j = Math.max(1, sequence.length - maxLen); j < sequence.length; j++) {
                prefixes.add(Arrays.copyOf(sequence, j));
                owners.add(sequence);
            }
        }
        Map<int[], int[][]> pools = new IdentityHashMap<>();
        Map<int[], Set<Integer>> ownItems = new IdentityHashMap<>();
        for (int from = 0; from < prefixes.size(); from += Evaluator.DEFAULT_BATCH_SIZE) {
            int to = Math.min(prefixes.size(), from + Evaluator.DEFAULT_BATCH_SIZE);
            float[][] scores = retrieval.score(prefixes.subList(from, to).toArray(new int[0][]));
            for (int i = from; i < to; i++) {
                int[] sequence = owners.get(i);
                Set<Integer> own = ownItems.computeIfAbsent(sequence, RankingTraining::itemSet);
                pools.computeIfAbsent(sequence, q -> new int[q.length][])[prefixes.get(i).length] = Arrays.stream(
                                TwoStageScorer.top(scores[i - from], POOL + sequence.length))
                        .filter(r -> !own.contains(r))
                        .limit(POOL)
                        .toArray();
            }
        }
        return pools;
    }

    private static Set<Integer> itemSet(int[] sequence) {
        Set<Integer> items = new HashSet<>();
        for (int item : sequence) {
            items.add(item);
        }
        return items;
    }

    /** Overwrites the network's parameters named in {@code values} with them. */
    private static void startFrom(RankingNetwork network, Map<String, FloatTensor> values) {
        values.forEach((name, value) -> {
            NDArray p = network.parameters().get(name);
            if (p == null || !Arrays.equals(p.getShape().getShape(), value.shape())) {
                throw new IllegalArgumentException("cannot start from parameter '" + name + "' " + value.shapeString()
                        + ": the network has "
                        + (p == null ? "none of that name" : p.getShape().toString()));
            }
            p.set(value.data());
        });
    }

    /**
     * The parameters' current values on the heap as serving reads them (E' in place of E with item
     * features), for the plain-Java pass.
     */
    private static Map<String, FloatTensor> servedTensors(RankingNetwork network) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        if (network instanceof FeatureRankingNetwork features) {
            try (NDManager m = network.itemEmbeddings().getManager().newSubManager()) {
                features.effective(m).parameters().forEach((name, p) -> out.put(name, Networks.toTensor(p)));
            }
            return out;
        }
        network.parameters().forEach((name, p) -> out.put(name, Networks.toTensor(p)));
        return out;
    }
}
