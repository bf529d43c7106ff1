package org.seqrec.trainer.train;

import ai.djl.ndarray.NDManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.FeatureNetwork;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.Networks;
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
        Map<String, Object> hyper = hyperParameters(net, cfg, bestEpoch);
        if (features != null) {
            hyper.putAll(features.featureModel().hyperParameters());
            hyper.put(FeatureInput.ID_DROPOUT_KEY, features.idDropout());
        }
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                net.modelType(),
                hyper,
                net.dim(),
                net.maxLen(),
                data.numItems(),
                Map.of(),
                data.summary(),
                new LinkedHashMap<>(validation),
                Instant.now().toString(),
                TrainerVersion.get(),
                net.readsTimes());
        ModelArtifact.Builder builder = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(data.vocabulary())
                .setItemEmbeddings(Networks.toTensor(network.itemEmbeddings()));
        Networks.exportParameters(network).forEach(builder::addParameter);
        if (features != null) {
            builder.setFeatures(features.featureModel());
        }
        return builder.build();
    }

    /** The network's hyper-parameters plus the training settings that produced it. */
    static Map<String, Object> hyperParameters(NetworkConfig net, TrainingConfig cfg, int bestEpoch) {
        Map<String, Object> hyper = new LinkedHashMap<>(net.toHyperParameters());
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
