package org.seqrec.plugin.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.query.SeqRecQueryOptions;
import org.seqrec.plugin.rescore.SeqRecRescoreOptions;

/**
 * The configuration of one {@code seqrec_personalize} processor, validated when the pipeline is
 * created (parsed by {@code org.seqrec.plugin.parse.PersonalizeProcessorParser}): where the users'
 * events are, and the clauses it adds for a user. The clauses' options are templates with an empty
 * history; {@link #rescoreFor} and {@link #queryFor} fill in the user's.
 *
 * @param events where the users' events are
 * @param rescore the {@code seqrec} rescorer's options (model, item field, weights, modes)
 * @param windowSize the rescore's {@code window_size}, or {@code null} for OpenSearch's default (10)
 * @param query the {@code seqrec} query's options when the processor also adds the query (in a
 *     {@code bool} {@code should} next to the request's own query), else {@code null}
 * @param queryBoost the added query's {@code boost}, finite and {@code >= 0}
 */
public record PersonalizeOptions(
        EventsSource events,
        SeqRecRescoreOptions rescore,
        Integer windowSize,
        SeqRecQueryOptions query,
        float queryBoost) {
    public static final float DEFAULT_QUERY_BOOST = 1f;

    public PersonalizeOptions {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(rescore, "rescore");
        if (windowSize != null && windowSize < 1) {
            throw new IllegalArgumentException("[rescore] [window_size] must be >= 1, got [" + windowSize + "]");
        }
        if (Float.isFinite(queryBoost) == false || queryBoost < 0) {
            throw new IllegalArgumentException(
                    "[query] [boost] must be a finite number >= 0, got [" + queryBoost + "]");
        }
    }

    /** The rescorer's options for a user whose history is {@code history} (item ids, oldest first). */
    public SeqRecRescoreOptions rescoreFor(List<String> history) {
        return rescoreFor(TimedHistory.untimed(history));
    }

    /** The query's options for a user whose history is {@code history}, or {@code null} when no query is added. */
    public SeqRecQueryOptions queryFor(List<String> history) {
        return queryFor(TimedHistory.untimed(history));
    }

    /** The rescorer's options for a looked-up history with its times and the moment it was read. */
    public SeqRecRescoreOptions rescoreFor(TimedHistory history) {
        return rescore.withHistory(given(history));
    }

    /** The query's options for a looked-up history with its times, or {@code null} when no query is added. */
    public SeqRecQueryOptions queryFor(TimedHistory history) {
        return query == null ? null : query.withHistory(given(history));
    }

    /** The history as given: its times (when it has them) and "now" pinned, so that every shard reads the same. */
    private static HistorySpec given(TimedHistory h) {
        if (h.hasTimes() == false) {
            return HistorySpec.given(h.items());
        }
        List<Double> times = new ArrayList<>();
        for (double t : h.times()) {
            times.add(t);
        }
        return new HistorySpec.Given(h.items(), times, h.now());
    }
}
