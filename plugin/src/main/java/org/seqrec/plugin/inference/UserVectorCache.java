package org.seqrec.plugin.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opensearch.common.cache.Cache;
import org.opensearch.common.cache.CacheBuilder;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.seqrec.plugin.model.ModelRef;

/**
 * Remembers the user vectors this node encoded, keyed by the model version and the history (item
 * ids, oldest first, as the request gave or looked them up): a user's follow-up searches with the
 * same history, and a request whose query and rescorer encode the same history, encode once.
 *
 * <p>A version's vectors are only ever found under its own {@link ModelRef} (id + upload id), so a
 * replaced or deleted version's vectors are never served for the new one; {@link #invalidate}
 * drops them when the version is unloaded, so that a model re-read under the same version (config
 * directory files) starts afresh. Bounded by weight: the key's characters and the vector's floats,
 * least recently used out first; a maximum of 0 turns the cache off.
 *
 * <p>Thread-safe. Concurrent lookups of the same missing key encode once: {@link #get} blocks the
 * others until the vector is there, {@link #getAsync} answers them when it is.
 */
public final class UserVectorCache {
    /** Per entry, beyond its strings and floats: objects, arrays and the cache's own node. */
    private static final long ENTRY_OVERHEAD_BYTES = 160;

    private final Cache<Key, float[]> cache;
    private final boolean enabled;
    /** Encodes running for {@link #getAsync}, with the listeners waiting for each. */
    private final ConcurrentHashMap<Key, List<ActionListener<float[]>>> inFlight = new ConcurrentHashMap<>();

    /** @param maxBytes the bound on the entries' estimated heap bytes; 0 disables the cache */
    public UserVectorCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        this.enabled = maxBytes > 0;
        this.cache = CacheBuilder.<Key, float[]>builder()
                .setMaximumWeight(Math.max(1, maxBytes))
                .weigher((key, vector) -> key.bytes() + 4L * vector.length + ENTRY_OVERHEAD_BYTES)
                .build();
    }

    /**
     * The cached vector of {@code history} under {@code ref}, or {@code encode}'s, which is then
     * cached. The returned array is shared: callers must not modify it.
     *
     * @throws RuntimeException what {@code encode} threw (nothing is cached then)
     */
    public float[] get(ModelRef ref, List<String> history, Supplier<float[]> encode) {
        return get(ref, history, null, encode);
    }

    /**
     * {@link #get(ModelRef, List, Supplier)} keyed also on the history's time codes (what a model that
     * reads times reads of them; null for a time-blind model or no times).
     */
    public float[] get(ModelRef ref, List<String> history, int[] timeCodes, Supplier<float[]> encode) {
        if (!enabled) {
            return encode.get();
        }
        try {
            return cache.computeIfAbsent(new Key(ref, List.copyOf(history), Codes.of(timeCodes)), key -> encode.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Answers {@code listener} with the cached vector of {@code history} under {@code ref} at once,
     * or, when a lookup of the same key is already encoding, when that one is done, or else calls
     * {@code encode} (once for all of them) and caches its answer. Failures go to every waiting
     * listener and nothing is cached. The vector is shared: listeners must not modify it.
     */
    public void getAsync(
            ModelRef ref,
            List<String> history,
            ActionListener<float[]> listener,
            Consumer<ActionListener<float[]>> encode) {
        getAsync(ref, history, null, listener, encode);
    }

    /** {@link #getAsync(ModelRef, List, ActionListener, Consumer)} keyed also on the history's time codes. */
    public void getAsync(
            ModelRef ref,
            List<String> history,
            int[] timeCodes,
            ActionListener<float[]> listener,
            Consumer<ActionListener<float[]>> encode) {
        if (!enabled) {
            encode.accept(listener);
            return;
        }
        Key key = new Key(ref, List.copyOf(history), Codes.of(timeCodes));
        float[] cached = cache.get(key);
        if (cached != null) {
            listener.onResponse(cached);
            return;
        }
        List<ActionListener<float[]>> mine = new ArrayList<>(List.of(listener));
        List<ActionListener<float[]>> waiting = inFlight.putIfAbsent(key, mine);
        if (waiting != null) {
            synchronized (waiting) {
                if (inFlight.get(key) == waiting) {
                    waiting.add(listener);
                    return;
                }
            }
            getAsync(ref, history, timeCodes, listener, encode); // that encode just finished: look again
            return;
        }
        encode.accept(ActionListener.wrap(
                vector -> {
                    cache.put(key, vector);
                    for (ActionListener<float[]> l : finish(key, mine)) {
                        l.onResponse(vector);
                    }
                },
                e -> {
                    for (ActionListener<float[]> l : finish(key, mine)) {
                        l.onFailure(e);
                    }
                }));
    }

    /**
     * Caches {@code vector} as the vector of {@code history} (with {@code timeCodes}, or null) under
     * {@code ref}, for a vector encoded without a lookup (a version's first encode of a timed history,
     * whose key is known only once the version is loaded). Does nothing when the cache is disabled.
     */
    public void put(ModelRef ref, List<String> history, int[] timeCodes, float[] vector) {
        if (enabled) {
            cache.put(new Key(ref, List.copyOf(history), Codes.of(timeCodes)), vector);
        }
    }

    /** Ends an in-flight encode: no listener joins it any more; the ones that did are returned. */
    private List<ActionListener<float[]>> finish(Key key, List<ActionListener<float[]>> listeners) {
        synchronized (listeners) {
            inFlight.remove(key, listeners);
            return List.copyOf(listeners);
        }
    }

    /** Drops every vector of {@code ref}. */
    public void invalidate(ModelRef ref) {
        for (Iterator<Key> keys = cache.keys().iterator(); keys.hasNext(); ) {
            if (keys.next().ref().equals(ref)) {
                keys.remove();
            }
        }
    }

    public long hits() {
        return cache.stats().getHits();
    }

    public long misses() {
        return cache.stats().getMisses();
    }

    public long evictions() {
        return cache.stats().getEvictions();
    }

    /** Vectors held now. */
    public int count() {
        return cache.count();
    }

    /** Estimated heap bytes held now. */
    public long weightBytes() {
        return cache.weight();
    }

    /** The counters now. */
    public Stats stats() {
        Cache.CacheStats s = cache.stats();
        return new Stats(enabled, s.getHits(), s.getMisses(), s.getEvictions(), cache.count(), cache.weight());
    }

    /**
     * The cache's counters since the node started (a lookup that joined a running encode counts as a
     * miss), and what it holds now.
     */
    public record Stats(boolean enabled, long hits, long misses, long evictions, long count, long memoryBytes)
            implements Writeable {
        public static Stats readFrom(StreamInput in) throws IOException {
            return new Stats(
                    in.readBoolean(), in.readVLong(), in.readVLong(), in.readVLong(), in.readVLong(), in.readVLong());
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeBoolean(enabled);
            out.writeVLong(hits);
            out.writeVLong(misses);
            out.writeVLong(evictions);
            out.writeVLong(count);
            out.writeVLong(memoryBytes);
        }
    }

    /**
     * A version's history, with its time codes when the model reads times: "now" changes every
     * request, but the codes (log-scale gap buckets and hours) change only when a bucket does, so
     * vectors of a user who comes back within the same buckets are still shared.
     */
    private record Key(ModelRef ref, List<String> history, Codes codes) {
        Key {
            Objects.requireNonNull(ref, "ref");
        }

        long bytes() {
            long chars = ref.modelId().length() + ref.version().length();
            for (String id : history) {
                chars += id.length() + 24; // a String's header and array
            }
            return 2 * chars + (codes == null ? 0 : 16 + 4L * codes.codes().length);
        }
    }

    /** Time codes compared by content. */
    private record Codes(int[] codes) {
        static Codes of(int[] codes) {
            return codes == null ? null : new Codes(codes.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Codes c && Arrays.equals(codes, c.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }
    }
}
