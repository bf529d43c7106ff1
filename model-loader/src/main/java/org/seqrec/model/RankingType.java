package org.seqrec.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.RankingConfig;
import org.seqrec.nn.cpu.CpuRankingNetwork;

/**
 * A ranking model type (DIN): a network that scores given candidates with the history in view, so
 * it reranks a window of hits (the {@code seqrec} rescorer) but retrieves nothing. Trained by
 * gradient descent on every position's next item against sampled negatives. Built once per type in
 * {@link ModelTypes}. Immutable.
 */
public final class RankingType implements ModelType {
    /** Reads a config from a manifest's {@code hyper_parameters}, refusing missing or invalid values. */
    @FunctionalInterface
    interface ConfigReader {
        RankingConfig read(Manifest manifest) throws ArtifactException;
    }

    /** Makes a config for n items; the config's constructor refuses invalid values. */
    @FunctionalInterface
    interface ConfigMaker {
        RankingConfig make(int numItems, NetworkHyperParameters hyperParameters);
    }

    /** Builds the plain-Java CPU pass from a config and the parameter tensors (item embedding included). */
    @FunctionalInterface
    interface CpuForward {
        CpuRankingNetwork build(RankingConfig config, Map<String, FloatTensor> parameters);
    }

    private final String name;
    private final Set<HyperParameter> reads;
    private final ConfigReader reader;
    private final ConfigMaker maker;
    private final CpuForward cpuForward;

    /** @param reads exactly the fields {@code maker} reads */
    RankingType(String name, Set<HyperParameter> reads, ConfigReader reader, ConfigMaker maker, CpuForward cpuForward) {
        this.name = Objects.requireNonNull(name, "name");
        this.reads = Collections.unmodifiableSet(EnumSet.copyOf(reads));
        this.reader = Objects.requireNonNull(reader, "reader");
        this.maker = Objects.requireNonNull(maker, "maker");
        this.cpuForward = Objects.requireNonNull(cpuForward, "cpuForward");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<HyperParameter> reads() {
        return reads;
    }

    /**
     * The hyper-parameters of a manifest of this type.
     *
     * @throws ArtifactException for hyper-parameters missing or out of range, or that disagree with the
     *     manifest's embedding_dim or max_seq_len, or a manifest that says the model reads times
     */
    public RankingConfig configFromManifest(Manifest manifest) throws ArtifactException {
        RankingConfig config = reader.read(manifest);
        NetworkArtifacts.checkSizes(manifest, config.dim(), config.maxLen());
        if (manifest.readsTimes()) {
            throw new ArtifactException("manifest reads_times is true, but " + name + " does not read event times");
        }
        return config;
    }

    /**
     * The config of this type for n = {@code numItems} items.
     *
     * @throws IllegalArgumentException naming the hyper-parameter that is out of range
     */
    public RankingConfig config(int numItems, NetworkHyperParameters hyperParameters) {
        return maker.make(numItems, hyperParameters);
    }

    /**
     * The artifact's network as a plain-Java CPU pass, equal to the DJL network within float rounding;
     * its arrays are shared with the artifact.
     *
     * @throws ArtifactException for hyper-parameters, or parameters missing, extra, non-finite or of
     *     the wrong shape
     */
    public CpuRankingNetwork cpuNetwork(ModelArtifact artifact) throws ArtifactException {
        RankingConfig config = configFromManifest(artifact.manifest());
        try {
            return cpuForward.build(config, NetworkArtifacts.parameters(artifact));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(e.getMessage(), e);
        }
    }

    /**
     * The plain-Java CPU pass of a network of this type from its parameters (by their DJL names, the
     * item embedding included), e.g. of a network being trained; arrays shared, not copied.
     *
     * @throws IllegalArgumentException for parameters missing, extra, non-finite or of the wrong shape
     */
    public CpuRankingNetwork cpuNetwork(RankingConfig config, Map<String, FloatTensor> parameters) {
        return cpuForward.build(config, parameters);
    }

    @Override
    public String toString() {
        return name;
    }
}
