package org.seqrec.plugin.model;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.index.HnswParams;

/**
 * How the models of a node search their items, from the {@code plugins.seqrec.index.*} settings:
 * catalogues up to {@code exactMaxItems} items (and identity embeddings, a counting model's) are
 * searched exactly; larger ones get an HNSW graph with {@code hnsw}'s parameters (its efSearch is the
 * default of searches that give none), built in the background on {@code buildExecutor} with up to
 * {@code buildThreads} of its threads while the exact scan answers.
 *
 * @param buildExecutor a bounded pool (the node's {@code seqrec_index_build}); a build takes one of its
 *     threads and helpers on up to {@code buildThreads - 1} others when they are free
 */
public record ItemIndexConfig(int exactMaxItems, HnswParams hnsw, Executor buildExecutor, int buildThreads) {
    /** The default of {@code plugins.seqrec.index.exact_max_items}. */
    public static final int DEFAULT_EXACT_MAX_ITEMS = 100_000;

    public ItemIndexConfig {
        if (exactMaxItems < 0) {
            throw new IllegalArgumentException("exactMaxItems must be >= 0, got " + exactMaxItems);
        }
        Objects.requireNonNull(hnsw, "hnsw");
        Objects.requireNonNull(buildExecutor, "buildExecutor");
        if (buildThreads < 1) {
            throw new IllegalArgumentException("buildThreads must be >= 1, got " + buildThreads);
        }
    }

    /** The settings' defaults, each build on a new daemon thread, one thread per build (tests and tools). */
    public static ItemIndexConfig defaults() {
        return new ItemIndexConfig(
                DEFAULT_EXACT_MAX_ITEMS,
                HnswParams.defaults(),
                r -> Thread.ofPlatform().daemon().name("seqrec-index-build").start(r),
                1);
    }

    /** A copy with another threshold. */
    public ItemIndexConfig withExactMaxItems(int max) {
        return new ItemIndexConfig(max, hnsw, buildExecutor, buildThreads);
    }

    /** Whether these embeddings get an HNSW graph. */
    public boolean usesHnsw(ItemEmbeddings embeddings) {
        return embeddings.isIdentity() == false && embeddings.numRows() - 1 > exactMaxItems;
    }
}
