package org.seqrec.trainer.train;

import org.seqrec.nn.Bert4RecConfig;
import org.seqrec.nn.CaserConfig;
import org.seqrec.nn.Gru4RecConfig;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.SasRecConfig;

/**
 * The trainer's only model-specific code: which network a {@link TrainingConfig} describes and how
 * its batches are made. Next-item models (sasrec, gru4rec, caser) learn to predict every position's
 * next item; bert4rec learns the Cloze task ({@link ClozeMasking}).
 */
final class NetworkFactory {
    private NetworkFactory() {}

    /** The network hyper-parameters of {@code cfg} for a catalogue of n = {@code numItems} items. */
    static NetworkConfig config(TrainingConfig cfg, int numItems) {
        return switch (cfg.model()) {
            case SasRecConfig.MODEL_TYPE -> new SasRecConfig(numItems, cfg.dim(), cfg.maxLen(), cfg.blocks(), cfg.heads(),
                    cfg.dropout(), LayerNormPlacement.parse(cfg.layerNorm()));
            case Gru4RecConfig.MODEL_TYPE -> new Gru4RecConfig(numItems, cfg.dim(), cfg.maxLen(), cfg.layers(), cfg.dropout());
            case CaserConfig.MODEL_TYPE -> new CaserConfig(numItems, cfg.dim(), cfg.maxLen(), cfg.window(), cfg.hFilters(),
                    cfg.vFilters(), cfg.dropout());
            case Bert4RecConfig.MODEL_TYPE -> new Bert4RecConfig(numItems, cfg.dim(), cfg.maxLen(), cfg.blocks(),
                    cfg.heads(), cfg.dropout(), cfg.maskProb());
            default -> throw new IllegalArgumentException("--model must be one of " + TrainingConfig.MODELS + ", got '"
                    + cfg.model() + "'");
        };
    }

    /** Cloze batches for BERT4Rec, next-item batches for every other network. */
    static BatchMaker batchMaker(NetworkConfig config) {
        if (config instanceof Bert4RecConfig bert) {
            return new ClozeMasking(bert.maxLen(), bert.maskRow(), bert.maskProb());
        }
        return BatchMaker.nextItem(config.maxLen());
    }
}
