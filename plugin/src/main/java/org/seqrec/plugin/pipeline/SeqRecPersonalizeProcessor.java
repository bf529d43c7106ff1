package org.seqrec.plugin.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.search.SearchExtBuilder;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.pipeline.AbstractProcessor;
import org.opensearch.search.pipeline.PipelineProcessingContext;
import org.opensearch.search.pipeline.Processor;
import org.opensearch.search.pipeline.SearchRequestProcessor;
import org.opensearch.search.rescore.RescorerBuilder;
import org.opensearch.search.sort.ScoreSortBuilder;
import org.opensearch.search.sort.SortBuilder;
import org.opensearch.search.sort.SortOrder;
import org.opensearch.transport.client.Client;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.history.HistoryTimes;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.history.UserHistoryLookup;
import org.seqrec.plugin.parse.ClauseParsing;
import org.seqrec.plugin.parse.PersonalizeProcessorParser;
import org.seqrec.plugin.query.SeqRecQueryBuilder;
import org.seqrec.plugin.query.SeqRecQueryOptions;
import org.seqrec.plugin.rescore.SeqRecRescorerBuilder;
import org.seqrec.plugin.settings.SeqRecSettings;

/**
 * The {@code seqrec_personalize} search request processor: personalises every search that names a
 * user, without the search having to spell a {@code seqrec} clause. See docs/pipelines.md.
 *
 * <p>At search time, on the coordinating node, before OpenSearch rewrites the request:
 * <ol>
 *   <li>the user is {@code ext.seqrec.user_id} of the request ({@link SeqRecSearchExt}), else the
 *       {@value ClauseFields#USER_HEADER} header; without one the request passes unchanged;
 *   <li>a request that already holds a {@code seqrec} rescorer, asks for no hits, sorts by anything
 *       but the score, or collapses (both refused with a rescore by OpenSearch) passes unchanged;
 *   <li>the user's latest events are read once ({@link UserHistoryLookup}, as the searching user, in
 *       the request's thread context); a user without events passes unchanged;
 *   <li>otherwise the processor appends a {@code seqrec} rescorer with that history (after any
 *       rescorer of the request's own) and, when configured, wraps the request's query in a {@code
 *       bool}: {@code must} the query (or {@code match_all}), {@code should} a {@code seqrec} query
 *       with that history.
 * </ol>
 * The clauses it adds are the same builders a user could write, so their validation, rewriting,
 * encoding once per request and caching apply, and their errors (unknown model: 404, ...) are the
 * clauses' errors. A failed events search (missing index: 404) fails the search.
 *
 * <p>Immutable and thread-safe: one instance serves every search of its pipeline.
 */
public final class SeqRecPersonalizeProcessor extends AbstractProcessor implements SearchRequestProcessor {
    public static final String TYPE = ClauseFields.PERSONALIZE_PROCESSOR;

    private final PersonalizeOptions options;
    private final Client client;
    private final ThreadContext threadContext;
    private final Supplier<SeqRecServices> services;

    SeqRecPersonalizeProcessor(
            String tag,
            String description,
            boolean ignoreFailure,
            PersonalizeOptions options,
            Client client,
            ThreadContext threadContext,
            Supplier<SeqRecServices> services) {
        super(tag, description, ignoreFailure);
        this.options = Objects.requireNonNull(options, "options");
        this.client = Objects.requireNonNull(client, "client");
        this.threadContext = Objects.requireNonNull(threadContext, "threadContext");
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public String getType() {
        return TYPE;
    }

    public PersonalizeOptions options() {
        return options;
    }

    /** Only the asynchronous path exists: the user's events come from a search. */
    @Override
    public SearchRequest processRequest(SearchRequest request) {
        throw new UnsupportedOperationException("[" + TYPE + "] looks users up asynchronously: processRequestAsync");
    }

    @Override
    public void processRequestAsync(
            SearchRequest request, PipelineProcessingContext context, ActionListener<SearchRequest> listener) {
        String userId = userOf(request);
        if (userId == null || canRescore(request.source()) == false) {
            listener.onResponse(request);
            return;
        }
        UserHistoryLookup.fetchTimed(client, userId, options.events(), HistoryTimes.now(), new ActionListener<>() {
            @Override
            public void onResponse(TimedHistory history) {
                // answered outside a try: a failure of the rest of the search must not come back here
                SearchRequest personalised;
                try {
                    personalised = history.items().isEmpty() ? request : personalise(request, history);
                } catch (RuntimeException e) {
                    listener.onFailure(e);
                    return;
                }
                listener.onResponse(personalised);
            }

            @Override
            public void onFailure(Exception e) {
                listener.onFailure(e);
            }
        });
    }

    /** The request's user: {@code ext.seqrec.user_id}, else the header; {@code null} when it names none. */
    String userOf(SearchRequest request) {
        SearchSourceBuilder source = request.source();
        if (source != null && source.ext() != null) {
            for (SearchExtBuilder ext : source.ext()) {
                if (ext instanceof SeqRecSearchExt seqrec) {
                    return seqrec.userId();
                }
            }
        }
        String header = threadContext.getHeader(ClauseFields.USER_HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }

    /**
     * Whether a {@code seqrec} rescorer may be added: not when the request has one already, asks for
     * no hits ({@code size: 0}), sorts by anything but the score (descending), or collapses.
     */
    static boolean canRescore(SearchSourceBuilder source) {
        if (source == null) {
            return true;
        }
        if (source.size() == 0) {
            return false;
        }
        if (source.rescores() != null) {
            for (RescorerBuilder<?> rescorer : source.rescores()) {
                if (rescorer instanceof SeqRecRescorerBuilder) {
                    return false;
                }
            }
        }
        if (source.sorts() != null) {
            for (SortBuilder<?> sort : source.sorts()) {
                if ((sort instanceof ScoreSortBuilder && sort.order() == SortOrder.DESC) == false) {
                    return false;
                }
            }
        }
        return source.collapse() == null;
    }

    /** Adds the clauses for {@code history} (item ids, oldest first) to {@code request}'s source. */
    SearchRequest personalise(SearchRequest request, List<String> history) {
        return personalise(request, TimedHistory.untimed(history));
    }

    /**
     * Adds the clauses for {@code history} to {@code request}'s source: item ids, oldest first, with
     * the events' times when every event had one, scored at the moment the events were read.
     */
    SearchRequest personalise(SearchRequest request, TimedHistory history) {
        SearchSourceBuilder source = request.source() == null ? new SearchSourceBuilder() : request.source();
        SeqRecQueryOptions query = options.queryFor(history);
        if (query != null) {
            QueryBuilder own = source.query() == null ? QueryBuilders.matchAllQuery() : source.query();
            source.query(QueryBuilders.boolQuery()
                    .must(own)
                    .should(new SeqRecQueryBuilder(query, services).boost(options.queryBoost())));
        }
        SeqRecRescorerBuilder rescorer = new SeqRecRescorerBuilder(options.rescoreFor(history), services);
        if (options.windowSize() != null) {
            rescorer.windowSize(options.windowSize());
        }
        source.addRescorer(rescorer);
        return request.source(source);
    }

    /**
     * Makes {@code seqrec_personalize} processors from their pipeline configuration (see {@link
     * PersonalizeProcessorParser}); a bad configuration fails the pipeline's creation with a 400
     * naming the field. Thread-safe.
     */
    public static final class Factory implements Processor.Factory<SearchRequestProcessor> {
        private final Client client;
        private final ThreadContext threadContext;
        private final Supplier<SeqRecServices> services;

        /**
         * @param client the node's client, for the events search (run in the search's thread context)
         * @param services the node's services; may supply {@code null} before the node is up, in
         *     which case the settings' default limits apply
         */
        public Factory(Client client, ThreadContext threadContext, Supplier<SeqRecServices> services) {
            this.client = Objects.requireNonNull(client, "client");
            this.threadContext = Objects.requireNonNull(threadContext, "threadContext");
            this.services = Objects.requireNonNull(services, "services");
        }

        @Override
        public SearchRequestProcessor create(
                Map<String, Processor.Factory<SearchRequestProcessor>> processorFactories,
                String tag,
                String description,
                boolean ignoreFailure,
                Map<String, Object> config,
                Processor.PipelineContext pipelineContext)
                throws Exception {
            SeqRecServices node = services.get();
            int maxWindow =
                    node == null ? SeqRecSettings.MAX_WINDOW_SIZE.getDefault(Settings.EMPTY) : node.maxWindowSize();
            PersonalizeOptions options =
                    PersonalizeProcessorParser.parse(config, ClauseParsing.maxHistoryLength(services), maxWindow);
            return new SeqRecPersonalizeProcessor(
                    tag, description, ignoreFailure, options, client, threadContext, services);
        }
    }
}
