package org.seqrec.model;

import java.util.Objects;
import java.util.Set;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;

/**
 * A baseline fit in one counting pass, with no network and no training option: what it counts (the
 * trainer fits it from that) and how it is served (its {@link UserStates}, computed in Java on the
 * CPU). Its artifact layout is checked by {@link org.seqrec.artifact.CountModels}. Registered once per
 * type in {@link ModelTypes}. Immutable.
 */
public final class CountingType implements ModelType {
    /** What a counting baseline counts in the training sequences. */
    public enum Counts {
        /** How often each item occurs: the most-popular baseline. */
        ITEMS,
        /** How often each item follows each other item: the first-order Markov chain. */
        TRANSITIONS
    }

    /** Opens the user states of an artifact of this type. */
    @FunctionalInterface
    interface Serving {
        UserStates open(ModelArtifact artifact) throws ArtifactException;
    }

    private final String name;
    private final String summary;
    private final Counts counts;
    private final Serving serving;

    /**
     * @param summary a few words for help texts, e.g. "most popular"
     */
    CountingType(String name, String summary, Counts counts, Serving serving) {
        this.name = Objects.requireNonNull(name, "name");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.serving = Objects.requireNonNull(serving, "serving");
    }

    @Override
    public String name() {
        return name;
    }

    /** A few words saying what the baseline is, for help texts. */
    public String summary() {
        return summary;
    }

    public Counts counts() {
        return counts;
    }

    /** None: a counting baseline reads no network hyper-parameter. */
    @Override
    public Set<HyperParameter> reads() {
        return Set.of();
    }

    /**
     * The user states of an artifact of this type; they hold no native memory.
     *
     * @throws ArtifactException when the artifact's parameters do not fit the type
     */
    public UserStates userStates(ModelArtifact artifact) throws ArtifactException {
        return serving.open(artifact);
    }

    @Override
    public String toString() {
        return name;
    }
}
