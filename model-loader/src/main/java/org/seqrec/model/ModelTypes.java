package org.seqrec.model;

import static org.seqrec.model.HyperParameter.ALPHA;
import static org.seqrec.model.HyperParameter.BLOCKS;
import static org.seqrec.model.HyperParameter.DIM;
import static org.seqrec.model.HyperParameter.DROPOUT;
import static org.seqrec.model.HyperParameter.HEADS;
import static org.seqrec.model.HyperParameter.H_FILTERS;
import static org.seqrec.model.HyperParameter.LAYERS;
import static org.seqrec.model.HyperParameter.LAYER_NORM;
import static org.seqrec.model.HyperParameter.LOW_PASS;
import static org.seqrec.model.HyperParameter.MASK_PROB;
import static org.seqrec.model.HyperParameter.MAX_LEN;
import static org.seqrec.model.HyperParameter.TIME_FEATURES;
import static org.seqrec.model.HyperParameter.V_FILTERS;
import static org.seqrec.model.HyperParameter.WINDOW;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.CountModels;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.Bert4RecConfig;
import org.seqrec.nn.BsaRecConfig;
import org.seqrec.nn.BstConfig;
import org.seqrec.nn.CaserConfig;
import org.seqrec.nn.DienConfig;
import org.seqrec.nn.DinConfig;
import org.seqrec.nn.Gru4RecConfig;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SliRecConfig;
import org.seqrec.nn.SrGnnConfig;
import org.seqrec.nn.cpu.CpuBert4Rec;
import org.seqrec.nn.cpu.CpuBsaRec;
import org.seqrec.nn.cpu.CpuBst;
import org.seqrec.nn.cpu.CpuCaser;
import org.seqrec.nn.cpu.CpuDien;
import org.seqrec.nn.cpu.CpuDin;
import org.seqrec.nn.cpu.CpuGru4Rec;
import org.seqrec.nn.cpu.CpuRankingNetwork;
import org.seqrec.nn.cpu.CpuSasRec;
import org.seqrec.nn.cpu.CpuSequenceNetwork;
import org.seqrec.nn.cpu.CpuSliRec;
import org.seqrec.nn.cpu.CpuSrGnn;

/**
 * The registry of model types: every type this version trains and serves is registered here once,
 * and everything that depends on the type (reading a manifest, serving, training, the trainer's
 * options and help) asks this class. Adding a network type is its {@link NetworkConfig} record and
 * network class plus one registration below (see docs/development.md, "Adding a model type").
 *
 * <p>The list is fixed when the class loads and never changes; thread-safe.
 */
public final class ModelTypes {
    /** Self-attention over the history, causal (Kang and McAuley, ICDM 2018). */
    private static final NetworkType SASREC = NetworkType.builder()
            .setName(SasRecConfig.MODEL_TYPE)
            .setTask(TrainingTask.NEXT_ITEM)
            .setReads(DIM, MAX_LEN, BLOCKS, HEADS, DROPOUT, LAYER_NORM, TIME_FEATURES)
            .setConfigReader(SasRecConfig::fromManifest)
            .setCpuForward((c, p) -> CpuSasRec.of((SasRecConfig) c, p))
            .setConfigMaker((n, h) -> new SasRecConfig(
                    n, h.dim(), h.maxLen(), h.blocks(), h.heads(), h.dropout(), h.layerNorm(), h.timeFeatures()))
            .build();

    /**
     * SASRec's attention mixed with a low-pass filter over the positions whose high frequencies a
     * learned beta rescales (Shin et al., AAAI 2024), the filter made causal.
     */
    private static final NetworkType BSAREC = NetworkType.builder()
            .setName(BsaRecConfig.MODEL_TYPE)
            .setTask(TrainingTask.NEXT_ITEM)
            .setReads(DIM, MAX_LEN, BLOCKS, HEADS, DROPOUT, ALPHA, LOW_PASS)
            .setConfigReader(BsaRecConfig::fromManifest)
            .setCpuForward((c, p) -> CpuBsaRec.of((BsaRecConfig) c, p))
            .setConfigMaker((n, h) -> new BsaRecConfig(
                    n, h.dim(), h.maxLen(), h.blocks(), h.heads(), h.dropout(), h.alpha(), h.lowPass()))
            .optCheck((h, name) -> {
                if (h.lowPass() > h.maxLen()) {
                    throw new IllegalArgumentException(name.apply(LOW_PASS) + " (" + h.lowPass() + ") must not exceed "
                            + name.apply(MAX_LEN) + " (" + h.maxLen() + ")");
                }
            })
            .build();

    /** A GRU over the history (Hidasi et al., ICLR 2016). */
    private static final NetworkType GRU4REC = NetworkType.builder()
            .setName(Gru4RecConfig.MODEL_TYPE)
            .setTask(TrainingTask.NEXT_ITEM)
            .setReads(DIM, MAX_LEN, LAYERS, DROPOUT)
            .setConfigReader(Gru4RecConfig::fromManifest)
            .setCpuForward((c, p) -> CpuGru4Rec.of((Gru4RecConfig) c, p))
            .setConfigMaker((n, h) -> new Gru4RecConfig(n, h.dim(), h.maxLen(), h.layers(), h.dropout()))
            .build();

    /** Convolutions over the latest items read as an image (Tang and Wang, WSDM 2018). */
    private static final NetworkType CASER = NetworkType.builder()
            .setName(CaserConfig.MODEL_TYPE)
            .setTask(TrainingTask.NEXT_ITEM)
            .setReads(DIM, MAX_LEN, WINDOW, H_FILTERS, V_FILTERS, DROPOUT)
            .setConfigReader(CaserConfig::fromManifest)
            .setCpuForward((c, p) -> CpuCaser.of((CaserConfig) c, p))
            .setConfigMaker((n, h) ->
                    new CaserConfig(n, h.dim(), h.maxLen(), h.window(), h.hFilters(), h.vFilters(), h.dropout()))
            .optCheck((h, name) -> {
                if (h.window() > h.maxLen()) {
                    throw new IllegalArgumentException(name.apply(WINDOW) + " (" + h.window() + ") must not exceed "
                            + name.apply(MAX_LEN) + " (" + h.maxLen() + ")");
                }
            })
            .build();

    /** Bidirectional self-attention trained on the Cloze task (Sun et al., CIKM 2019). */
    private static final NetworkType BERT4REC = NetworkType.builder()
            .setName(Bert4RecConfig.MODEL_TYPE)
            .setTask(TrainingTask.CLOZE)
            .setReads(DIM, MAX_LEN, BLOCKS, HEADS, DROPOUT, MASK_PROB)
            .setConfigReader(Bert4RecConfig::fromManifest)
            .setCpuForward((c, p) -> CpuBert4Rec.of((Bert4RecConfig) c, p))
            .setConfigMaker((n, h) ->
                    new Bert4RecConfig(n, h.dim(), h.maxLen(), h.blocks(), h.heads(), h.dropout(), h.maskProb()))
            .optCheck((h, name) -> {
                if (h.maxLen() < 2) {
                    throw new IllegalArgumentException(name.apply(MAX_LEN) + " must be at least 2 for "
                            + Bert4RecConfig.MODEL_TYPE + " (the mask token takes one position), got " + h.maxLen());
                }
            })
            .build();

    /**
     * Long-term attention, a time-gated recurrent short term and a fusion gate that sees the time since
     * the last event (Yu et al., IJCAI 2019); always reads event times.
     */
    private static final NetworkType SLIREC = NetworkType.builder()
            .setName(SliRecConfig.MODEL_TYPE)
            .setTask(TrainingTask.NEXT_ITEM)
            .setReads(DIM, MAX_LEN, DROPOUT)
            .setConfigReader(SliRecConfig::fromManifest)
            .setCpuForward((c, p) -> CpuSliRec.of((SliRecConfig) c, p))
            .setConfigMaker((n, h) -> new SliRecConfig(n, h.dim(), h.maxLen(), h.dropout()))
            .build();

    /**
     * A gated graph network over the session graph and an attention readout (Wu et al., AAAI 2019),
     * for sessions ({@code --sessions}); any history is a session to it.
     */
    private static final NetworkType SRGNN = NetworkType.builder()
            .setName(SrGnnConfig.MODEL_TYPE)
            .setTask(TrainingTask.NEXT_ITEM)
            .setReads(DIM, MAX_LEN, DROPOUT)
            .setConfigReader(SrGnnConfig::fromManifest)
            .setCpuForward((c, p) -> CpuSrGnn.of((SrGnnConfig) c, p))
            .setConfigMaker((n, h) -> new SrGnnConfig(n, h.dim(), h.maxLen(), h.dropout()))
            .build();

    /**
     * Target attention: the candidate weighs the history's items before an MLP scores the pair (Zhou et
     * al., KDD 2018); a ranking model, served by the rescorer only.
     */
    private static final RankingType DIN = new RankingType(
            DinConfig.MODEL_TYPE,
            EnumSet.of(DIM, MAX_LEN, DROPOUT),
            DinConfig::fromManifest,
            (n, h) -> new DinConfig(n, h.dim(), h.maxLen(), h.dropout()),
            (c, p) -> CpuDin.of((DinConfig) c, p));

    /**
     * DIN's attention over a GRU's states, and an attention-gated GRU that evolves the interest towards
     * the candidate (Zhou et al., AAAI 2019); a ranking model.
     */
    private static final RankingType DIEN = new RankingType(
            DienConfig.MODEL_TYPE,
            EnumSet.of(DIM, MAX_LEN, DROPOUT),
            DienConfig::fromManifest,
            (n, h) -> new DienConfig(n, h.dim(), h.maxLen(), h.dropout()),
            (c, p) -> CpuDien.of((DienConfig) c, p));

    /**
     * A transformer over the history with the candidate appended, its output scoring the pair (Chen et
     * al., DLP-KDD 2019); SASRec's blocks, so it can start from a trained SASRec. A ranking model.
     */
    private static final RankingType BST = new RankingType(
            BstConfig.MODEL_TYPE,
            EnumSet.of(DIM, MAX_LEN, BLOCKS, HEADS, DROPOUT),
            BstConfig::fromManifest,
            (n, h) -> new BstConfig(n, h.dim(), h.maxLen(), h.blocks(), h.heads(), h.dropout()),
            (c, p) -> CpuBst.of((BstConfig) c, p));

    /** Scores items by their training count, whatever the history. */
    private static final CountingType POP = new CountingType(
            CountModels.POP,
            "most popular",
            CountingType.Counts.ITEMS,
            artifact -> new PopularityUserStates(artifact.manifest().maxSeqLen()));

    /** Scores items by how often they followed the last item of the history. */
    private static final CountingType MARKOV = new CountingType(
            CountModels.MARKOV, "first-order Markov chain", CountingType.Counts.TRANSITIONS, MarkovUserStates::of);

    /** Every type, retrieval networks first, then ranking networks, in the order messages and help texts list them. */
    private static final List<ModelType> ALL =
            List.of(SASREC, BSAREC, GRU4REC, CASER, BERT4REC, SLIREC, SRGNN, DIN, DIEN, BST, POP, MARKOV);

    /** The type the trainer trains when none is named. */
    public static final ModelType DEFAULT = SASREC;

    private ModelTypes() {}

    /** Every registered type, networks first. */
    public static List<ModelType> all() {
        return ALL;
    }

    /** The network types, in registration order. */
    public static List<NetworkType> networks() {
        return ALL.stream()
                .filter(t -> t instanceof NetworkType)
                .map(t -> (NetworkType) t)
                .toList();
    }

    /** The types trained by gradient descent (retrieval and ranking networks), in registration order. */
    public static List<ModelType> trainedByGradient() {
        return ALL.stream().filter(t -> !(t instanceof CountingType)).toList();
    }

    /** The ranking types, in registration order. */
    public static List<RankingType> ranking() {
        return ALL.stream()
                .filter(t -> t instanceof RankingType)
                .map(t -> (RankingType) t)
                .toList();
    }

    /** Whether {@code name} is a ranking type (false for other types and unknown names). */
    public static boolean isRanking(String name) {
        return find(name).orElse(null) instanceof RankingType;
    }

    /** The types that give a user vector (retrieval networks and counting baselines), in registration order. */
    public static List<ModelType> retrieval() {
        return ALL.stream().filter(t -> !(t instanceof RankingType)).toList();
    }

    /**
     * The artifact's ranking network as a plain-Java CPU pass ({@link RankingType#cpuNetwork}).
     *
     * @throws ArtifactException when the model type is not a ranking type, or its parameters do not fit
     */
    public static CpuRankingNetwork cpuRanking(ModelArtifact artifact) throws ArtifactException {
        if (find(artifact.manifest().modelType()).orElse(null) instanceof RankingType type) {
            return type.cpuNetwork(artifact);
        }
        throw unknown(artifact.manifest().modelType(), ranking());
    }

    /** The counting types, in registration order. */
    public static List<CountingType> counting() {
        return ALL.stream()
                .filter(t -> t instanceof CountingType)
                .map(t -> (CountingType) t)
                .toList();
    }

    /** The names of {@code types}, in their order. */
    public static List<String> names(List<? extends ModelType> types) {
        return types.stream().map(ModelType::name).toList();
    }

    /** The type registered under {@code name} (exact spelling), if any. */
    public static Optional<ModelType> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Whether {@code name} is a counting type (false for networks and unknown names). */
    public static boolean isCounting(String name) {
        return find(name).orElse(null) instanceof CountingType;
    }

    /**
     * The type of a manifest.
     *
     * @throws ArtifactException for an unknown model type; the message lists the registered ones
     */
    public static ModelType of(Manifest manifest) throws ArtifactException {
        return find(manifest.modelType()).orElseThrow(() -> unknown(manifest.modelType(), ALL));
    }

    /**
     * The network hyper-parameters of a manifest ({@link NetworkType#configFromManifest}).
     *
     * @throws ArtifactException when the model type is not a network type (the message lists the network
     *     types), or for hyper-parameters missing, out of range or disagreeing with the manifest's sizes
     */
    public static NetworkConfig networkConfig(Manifest manifest) throws ArtifactException {
        if (find(manifest.modelType()).orElse(null) instanceof NetworkType type) {
            return type.configFromManifest(manifest);
        }
        throw unknown(manifest.modelType(), networks());
    }

    /**
     * The parameters of the manifest's model that are item tables, (n + 1, D) by item row: the
     * network's ({@link NetworkConfig#itemTables}), or E alone for a ranking model (DIN, DIEN and BST read
     * no other).
     *
     * @throws ArtifactException when the model type is neither a network nor a ranking type
     */
    public static List<String> itemTables(Manifest manifest) throws ArtifactException {
        if (find(manifest.modelType()).orElse(null) instanceof RankingType) {
            return List.of(Networks.ITEM_EMBEDDING);
        }
        return networkConfig(manifest).itemTables();
    }

    /**
     * The artifact's network as a plain-Java CPU forward pass ({@link NetworkType#cpuNetwork}).
     *
     * @throws ArtifactException when the model type is not a network type, or its parameters do not fit
     */
    public static CpuSequenceNetwork cpuNetwork(ModelArtifact artifact) throws ArtifactException {
        if (find(artifact.manifest().modelType()).orElse(null) instanceof NetworkType type) {
            return type.cpuNetwork(artifact);
        }
        throw unknown(artifact.manifest().modelType(), networks());
    }

    private static ArtifactException unknown(String type, List<? extends ModelType> served) {
        return new ArtifactException(
                "unknown model_type '" + type + "' (this version serves: " + String.join(", ", names(served)) + ")");
    }
}
