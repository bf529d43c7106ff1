package org.seqrec.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.cpu.CpuSequenceNetwork;

/**
 * A model type served by a network and trained by gradient descent on a {@link TrainingTask}: how
 * its {@link NetworkConfig} is read from a manifest and made from a training run's
 * {@link NetworkHyperParameters}, which of those it reads, and the checks across them that training
 * options must pass before any data is read. Built once per type in {@link ModelTypes}. Immutable.
 */
public final class NetworkType implements ModelType {
    /** Reads a config from a manifest's {@code hyper_parameters}, refusing missing or invalid values. */
    @FunctionalInterface
    interface ConfigReader {
        NetworkConfig read(Manifest manifest) throws ArtifactException;
    }

    /** Makes a config for n items; the config's constructor refuses invalid values. */
    @FunctionalInterface
    interface ConfigMaker {
        NetworkConfig make(int numItems, NetworkHyperParameters hyperParameters);
    }

    /**
     * Builds the network's plain-Java CPU forward pass from its config and its parameter tensors
     * (by the names the DJL network gives them, the item embedding included).
     */
    @FunctionalInterface
    interface CpuForward {
        CpuSequenceNetwork build(NetworkConfig config, Map<String, FloatTensor> parameters);
    }

    /** Checks values against each other (one alone is checked by range); messages name them through {@code name}. */
    @FunctionalInterface
    interface Check {
        void check(NetworkHyperParameters hyperParameters, Function<HyperParameter, String> name);
    }

    private final String name;
    private final TrainingTask task;
    private final Set<HyperParameter> reads;
    private final ConfigReader reader;
    private final ConfigMaker maker;
    private final CpuForward cpuForward;
    private final Check check;

    private NetworkType(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.task = Objects.requireNonNull(b.task, "task");
        this.reads = Collections.unmodifiableSet(EnumSet.copyOf(b.reads));
        this.reader = Objects.requireNonNull(b.reader, "reader");
        this.maker = Objects.requireNonNull(b.maker, "maker");
        this.cpuForward = Objects.requireNonNull(b.cpuForward, "cpuForward");
        this.check = b.check;
    }

    @Override
    public String name() {
        return name;
    }

    /** What the network learns to predict. */
    public TrainingTask task() {
        return task;
    }

    @Override
    public Set<HyperParameter> reads() {
        return reads;
    }

    /**
     * The hyper-parameters of a manifest of this type.
     *
     * @throws ArtifactException for hyper-parameters missing or out of range, or that disagree with the
     *     manifest's embedding_dim, max_seq_len or reads_times
     */
    public NetworkConfig configFromManifest(Manifest manifest) throws ArtifactException {
        NetworkConfig config = reader.read(manifest);
        NetworkArtifacts.checkSizes(manifest, config.dim(), config.maxLen());
        if (manifest.readsTimes() != config.readsTimes()) {
            throw new ArtifactException("manifest reads_times is " + manifest.readsTimes() + " but its "
                    + "hyper_parameters make a network that " + (config.readsTimes() ? "reads" : "does not read")
                    + " event times (time_features " + manifest.stringParam("time_features", "none") + ")");
        }
        return config;
    }

    /**
     * The config of this type for a catalogue of n = {@code numItems} items, from the fields of
     * {@code hyperParameters} that {@link #reads()} lists.
     *
     * @throws IllegalArgumentException naming the hyper-parameter that is out of range
     */
    public NetworkConfig config(int numItems, NetworkHyperParameters hyperParameters) {
        return maker.make(numItems, hyperParameters);
    }

    /**
     * Checks the values this type needs to agree (e.g. a window within max_len), before the catalogue
     * size is known.
     *
     * @param name how messages name a hyper-parameter (the trainer passes its command-line flags)
     * @throws IllegalArgumentException saying which values disagree
     */
    public void checkHyperParameters(NetworkHyperParameters hyperParameters, Function<HyperParameter, String> name) {
        if (check != null) {
            check.check(hyperParameters, name);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * The artifact's network as a plain-Java CPU forward pass ({@link CpuSequenceNetwork}), equal to
     * the DJL network within float rounding; its arrays are shared with the artifact.
     *
     * @throws ArtifactException for hyper-parameters, or parameters missing, extra, non-finite or of
     *     the wrong shape
     */
    public CpuSequenceNetwork cpuNetwork(ModelArtifact artifact) throws ArtifactException {
        NetworkConfig config = configFromManifest(artifact.manifest());
        try {
            return cpuForward.build(config, NetworkArtifacts.parameters(artifact));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(e.getMessage(), e);
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /** Builds a type: {@code set*} for what every type has, {@code opt*} for the optional check. */
    static final class Builder {
        private String name;
        private TrainingTask task;
        private Set<HyperParameter> reads = EnumSet.noneOf(HyperParameter.class);
        private ConfigReader reader;
        private ConfigMaker maker;
        private CpuForward cpuForward;
        private Check check;

        private Builder() {}

        /** The name, the same as its configs' {@link NetworkConfig#modelType()}. */
        Builder setName(String name) {
            this.name = name;
            return this;
        }

        Builder setTask(TrainingTask task) {
            this.task = task;
            return this;
        }

        /** Exactly the fields {@link #setConfigMaker the maker} reads. */
        Builder setReads(HyperParameter first, HyperParameter... rest) {
            this.reads = EnumSet.of(first, rest);
            return this;
        }

        Builder setConfigReader(ConfigReader reader) {
            this.reader = reader;
            return this;
        }

        Builder setConfigMaker(ConfigMaker maker) {
            this.maker = maker;
            return this;
        }

        Builder setCpuForward(CpuForward cpuForward) {
            this.cpuForward = cpuForward;
            return this;
        }

        Builder optCheck(Check check) {
            this.check = check;
            return this;
        }

        NetworkType build() {
            return new NetworkType(this);
        }
    }
}
