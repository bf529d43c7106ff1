package org.seqrec.plugin.model;

/**
 * A {@link LoadedModel} was used after it was closed: evicted from the registry (replaced, deleted,
 * or pushed out of the cache) or the node is stopping. Callers that got the model from the
 * registry just before may ask the registry again.
 */
public final class ModelClosedException extends IllegalStateException {
    public ModelClosedException(ModelRef ref) {
        super("seqrec model [" + ref + "] was unloaded while in use (replaced, deleted, evicted, or node stopping)");
    }
}
