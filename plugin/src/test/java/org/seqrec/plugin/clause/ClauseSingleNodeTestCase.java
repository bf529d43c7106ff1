package org.seqrec.plugin.clause;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.search.SearchPhaseExecutionException;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.test.OpenSearchSingleNodeTestCase;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.plugin.SeqRecPlugin;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.testing.TestEvents;

/**
 * What every {@code seqrec} clause does in one in-JVM node with the plugin, run for the query and
 * the rescorer: a {@code user_id} looked up in an events index acts like the equivalent given
 * history (in Java and in JSON), and the errors users see. Subclasses index the products and add
 * their own clause's cases; multi-node and real-process tests live in integ-tests.
 */
public abstract class ClauseSingleNodeTestCase extends OpenSearchSingleNodeTestCase {
    protected static final List<String> HISTORY = List.of("sku-3", "sku-8", "sku-1");

    @BeforeClass
    public static void useTheSharedDjlCache() {
        // The first configuration in a JVM wins: keep libtorch in ~/.djl.ai instead of extracting
        // it again under each test node's temporary data path.
        DjlRuntime.configure(null, 1);
    }

    @Override
    protected Collection<Class<? extends Plugin>> getPlugins() {
        return List.of(SeqRecPlugin.class);
    }

    /**
     * Installs model {@code shop} in the node's config directory and indexes {@code products}: a
     * keyword {@code item_id} with items of the model, a text {@code sku_text}.
     */
    protected abstract void indexProducts() throws IOException;

    /** The seed the events are shuffled with before indexing. */
    protected abstract long eventsSeed();

    /** A search of {@code products} with the clause of model {@code shop} on {@code item_id} for {@code history}. */
    protected abstract SearchResponse searchFor(HistorySpec history);

    /** What a search of {@code products} with the clause fails with. */
    protected abstract Exception failure(String modelId, String itemField, HistorySpec history);

    /** A search source (JSON) with the clause for user u-1's latest 4 events, otherwise as {@link #searchFor}. */
    protected abstract String searchByUserJson();

    /** How far the scores of two equivalent searches may differ. */
    protected float scoreTolerance() {
        return 1e-6f;
    }

    /**
     * User u-1's events, oldest first: two older ones, one without an item (skipped), then {@link
     * #HISTORY}; u-2 has events of their own. The latest 4 events of u-1 make {@link #HISTORY}.
     */
    protected final void indexEvents() {
        TestEvents.index(
                client(),
                "events",
                Map.of(
                        "u-1",
                        Arrays.asList("sku-7", "sku-2", "sku-3", null, "sku-8", "sku-1"),
                        "u-2",
                        List.of("sku-9", "sku-3", "sku-4")),
                eventsSeed());
    }

    protected static HistorySpec user(String userId, int size) {
        return HistorySpec.byUser(userId, EventsSource.of("events").withSize(size));
    }

    protected final SearchSourceBuilder parseSource(String json) throws IOException {
        try (XContentParser parser = createParser(
                getInstanceFromNode(NamedXContentRegistry.class), JsonXContent.jsonXContent, new BytesArray(json))) {
            return SearchSourceBuilder.fromXContent(parser);
        }
    }

    protected final void assertSameHits(SearchResponse expected, SearchResponse actual) {
        assertEquals(expected.getHits().getHits().length, actual.getHits().getHits().length);
        for (int i = 0; i < expected.getHits().getHits().length; i++) {
            assertEquals(
                    expected.getHits().getAt(i).getId(),
                    actual.getHits().getAt(i).getId());
            assertEquals(
                    expected.getHits().getAt(i).getScore(),
                    actual.getHits().getAt(i).getScore(),
                    scoreTolerance());
        }
    }

    /** The messages of {@code e}, its causes and its shard failures. */
    protected static String detailed(Exception e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        if (e instanceof SearchPhaseExecutionException spe) {
            for (var failure : spe.shardFailures()) {
                all.append(failure.reason()).append('\n');
            }
        }
        return all.toString();
    }

    public void testUserIdAndEventsActLikeTheEquivalentHistory() throws IOException {
        indexProducts();
        indexEvents();
        assertSameHits(searchFor(HistorySpec.given(HISTORY)), searchFor(user("u-1", 4)));
    }

    public void testParsedUserIdAndEventsFromJson() throws IOException {
        indexProducts();
        indexEvents();
        SearchResponse parsed = client().prepareSearch("products")
                .setSource(parseSource(searchByUserJson()))
                .get();
        assertSameHits(searchFor(HistorySpec.given(HISTORY)), parsed);
    }

    public void testAnUnknownUserActsLikeAnEmptyHistory() throws IOException {
        indexProducts();
        indexEvents();
        assertSameHits(searchFor(HistorySpec.given(List.of())), searchFor(user("nobody", 50)));
    }

    public void testAMissingEventsIndexIsNotFound() throws IOException {
        indexProducts();
        Exception missing = failure("shop", "item_id", HistorySpec.byUser("u-1", EventsSource.of("no-such-events")));
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(missing));
        assertThat(detailed(missing), containsString("no such index [no-such-events]"));
    }

    public void testErrorsUsersSee() throws IOException {
        indexProducts();
        Exception unknownModel = failure("nope", "item_id", HistorySpec.given(HISTORY));
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(unknownModel));
        assertThat(
                ExceptionsHelper.unwrapCause(unknownModel).getMessage(),
                containsString("seqrec model [nope] not found"));
        assertThat(detailed(unknownModel), containsString("seqrec model [nope] not found"));

        Exception textField = failure("shop", "sku_text", HistorySpec.given(HISTORY));
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(textField));
        assertThat(
                detailed(textField),
                containsString("[item_field] [sku_text] must be a keyword field, but it is of type [text]"));

        Exception unmapped = failure("shop", "no_such_field", HistorySpec.given(HISTORY));
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(unmapped));
        assertThat(
                detailed(unmapped), containsString("[item_field] [no_such_field] is not mapped in index [products]"));
    }
}
