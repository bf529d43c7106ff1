package org.seqrec.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.FeatureNetwork;
import org.seqrec.nn.FeatureRankingNetwork;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.Networks;
import org.seqrec.nn.RankingConfig;
import org.seqrec.nn.RankingNetwork;
import org.seqrec.nn.SequenceNetwork;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.train.loss.Loss;

/**
 * Turns a trained network into a {@link ModelArtifact}; reads the parameters, changes nothing. A
 * {@link FeatureNetwork} is exported as the network it wraps with E' = E_id + pool(F) as its item
 * tables, plus the features and F.
 */
final class ArtifactExport {
    private ArtifactExport() {}

    /**
     * @param network holding the parameters to export (the caller restores the best epoch first)
     * @param validation the validation metrics of the exported epoch, stored as the manifest's metrics
     */
    static ModelArtifact export(
            InteractionData data,
            NetworkConfig net,
            TrainingConfig cfg,
            SequenceNetwork network,
            int bestEpoch,
            Map<String, Double> validation,
            NDManager manager) {
        if (network instanceof FeatureNetwork features) {
            // E' = E_id + pool(F) is what serving scores with: export the wrapped network with it
            try (NDManager m = manager.newSubManager()) {
                return exportNetwork(data, net, cfg, features.effective(m), bestEpoch, validation, features);
            }
        }
        return exportNetwork(data, net, cfg, network, bestEpoch, validation, null);
    }

    private static ModelArtifact exportNetwork(
            InteractionData data,
            NetworkConfig net,
            TrainingConfig cfg,
            SequenceNetwork network,
            int bestEpoch,
            Map<String, Double> validation,
            FeatureNetwork features) {
        Map<String, Object> hyper = hyperParameters(net.toHyperParameters(), cfg, bestEpoch);
        if (features != null) {
            addFeatureHyperParameters(hyper, features.featureModel(), features.idDropout());
        }
        ModelArtifact.Builder builder = artifact(
                data,
                net.modelType(),
                hyper,
                net.dim(),
                net.maxLen(),
                net.readsTimes(),
                validation,
                network.parameters());
        if (features != null) {
            builder.setFeatures(features.featureModel());
        }
        return builder.build();
    }

    /**
     * A ranking network's artifact: its E and parameters, with the manifest of any network; a
     * {@link FeatureRankingNetwork} as the network it wraps with E' as its E, plus the features and F.
     */
    static ModelArtifact exportRanking(
            InteractionData data,
            RankingConfig net,
            TrainingConfig cfg,
            RankingNetwork network,
            int bestEpoch,
            Map<String, Double> validation,
            NDManager manager) {
        Map<String, Object> hyper = hyperParameters(net.toHyperParameters(), cfg, bestEpoch);
        if (!(network instanceof FeatureRankingNetwork features)) {
            return artifact(
                            data,
                            net.modelType(),
                            hyper,
                            net.dim(),
                            net.maxLen(),
                            false,
                            validation,
                            network.parameters())
                    .build();
        }
        addFeatureHyperParameters(hyper, features.featureModel(), features.idDropout());
        try (NDManager m = manager.newSubManager()) {
            Map<String, NDArray> served = features.effective(m).parameters();
            return artifact(data, net.modelType(), hyper, net.dim(), net.maxLen(), false, validation, served)
                    .setFeatures(features.featureModel())
                    .build();
        }
    }

    private static void addFeatureHyperParameters(Map<String, Object> hyper, FeatureModel features, float idDropout) {
        hyper.putAll(features.hyperParameters());
        hyper.put(FeatureInput.ID_DROPOUT_KEY, idDropout);
    }

    private static ModelArtifact.Builder artifact(
            InteractionData data,
            String modelType,
            Map<String, Object> hyper,
            int dim,
            int maxLen,
            boolean readsTimes,
            Map<String, Double> validation,
            Map<String, NDArray> parameters) {
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                modelType,
                hyper,
                dim,
                maxLen,
                data.numItems(),
                Map.of(),
                data.summary(),
                new LinkedHashMap<>(validation),
                Instant.now().toString(),
                TrainerVersion.get(),
                readsTimes);
        ModelArtifact.Builder builder = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(data.vocabulary())
                .setItemEmbeddings(Networks.toTensor(parameters.get(Networks.ITEM_EMBEDDING)));
        Networks.exportParameters(parameters).forEach(builder::addParameter);
        return builder;
    }

    /** The network's hyper-parameters plus the training settings that produced it. */
    static Map<String, Object> hyperParameters(Map<String, Object> network, TrainingConfig cfg, int bestEpoch) {
        Map<String, Object> hyper = new LinkedHashMap<>(network);
        hyper.put("loss", cfg.loss().id());
        if (cfg.loss().reads(Loss.Keys.NEGATIVES)) {
            hyper.put(Loss.Keys.NEGATIVES, cfg.negatives());
        }
        if (cfg.loss().reads(Loss.Keys.GBCE_T)) {
            hyper.put(Loss.Keys.GBCE_T, cfg.gbceT());
        }
        hyper.put("epochs", cfg.epochs());
        hyper.put("best_epoch", bestEpoch);
        hyper.put("batch_size", cfg.batchSize());
        hyper.put("learning_rate", cfg.learningRate());
        hyper.put("weight_decay", cfg.weightDecay());
        hyper.put("clip_grad_norm", cfg.clipGradNorm());
        hyper.put("patience", cfg.patience());
        hyper.put("seed", cfg.seed());
        return hyper;
    }
}
