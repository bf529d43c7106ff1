package org.seqrec.plugin.query;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.support.PlainActionFuture;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.index.query.BaseQueryRewriteContext;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.Rewriteable;
import org.opensearch.test.OpenSearchTestCase;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.model.ConfigDirectoryModelSource;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.retrieval.ItemRetrieval;
import org.seqrec.plugin.testing.TestModels;

/**
 * The coordinator's rewrite: the history is encoded and the index searched once, off the calling
 * thread, by a real model read from a config directory, and the rewritten builder carries the items.
 */
public class SeqRecQueryBuilderRewriteTests extends OpenSearchTestCase {
    private static final List<String> HISTORY = List.of("sku-4", "sku-9", "nope", "sku-2");

    private ExecutorService pool;
    private final AtomicInteger tasks = new AtomicInteger();
    private ModelRegistry registry;
    private SeqRecServices services;
    private NamedWriteableRegistry writeables;

    @Before
    public void startServices() throws IOException {
        Path config = createTempDir();
        TestModels.install(config, "shop", TestModels.sasrec(20, 8, 4, 7L));
        registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU);
        pool = Executors.newSingleThreadExecutor();
        // counts the tasks sent to the inference pool: one per retrieval
        services = new SeqRecServices(registry, task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        }, 5);
        writeables = new NamedWriteableRegistry(List.of(new NamedWriteableRegistry.Entry(QueryBuilder.class, SeqRecQueryBuilder.NAME,
                in -> new SeqRecQueryBuilder(in, () -> services))));
    }

    @After
    public void stopServices() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        registry.close();
    }

    private QueryRewriteContext coordinatorContext() {
        return new BaseQueryRewriteContext(NamedXContentRegistry.EMPTY, writeables, null, () -> 0L);
    }

    private QueryBuilder rewrite(QueryBuilder builder) {
        PlainActionFuture<QueryBuilder> future = new PlainActionFuture<>();
        Rewriteable.rewriteAndFetch(builder, coordinatorContext(), future);
        return future.actionGet(30, TimeUnit.SECONDS);
    }

    public void testRetrievesOnceAndShipsTheItems() throws IOException {
        SeqRecQueryBuilder parsed = new SeqRecQueryBuilder(SeqRecQueryOptions.of("shop", "item_id", HISTORY).withK(6), () -> services);
        parsed.boost(3f).queryName("recs");
        SeqRecQueryBuilder rewritten = (SeqRecQueryBuilder) rewrite(parsed);

        assertEquals(ItemRetrieval.retrieve(services, "shop", HISTORY, 6, true), rewritten.items());
        assertEquals(6, rewritten.items().size());
        assertEquals(parsed.options(), rewritten.options());
        assertEquals(3f, rewritten.boost(), 0f);
        assertEquals("recs", rewritten.queryName());
        assertEquals(1, tasks.get());

        // what a shard receives: the items, and nothing left to do
        SeqRecQueryBuilder shipped = (SeqRecQueryBuilder) copyNamedWriteable(rewritten, writeables, QueryBuilder.class);
        assertEquals(rewritten.items(), shipped.items());
        QueryRewriteContext ctx = coordinatorContext();
        assertSame(shipped, shipped.rewrite(ctx));
        assertFalse(ctx.hasAsyncActions());
        assertEquals(1, tasks.get());
    }

    public void testBuildersMadeInJavaBindToTheNode() {
        SeqRecQueryBuilder java = new SeqRecQueryBuilder(SeqRecQueryOptions.of("shop", "item_id", HISTORY).withK(3));
        SeqRecQueryBuilder rewritten = (SeqRecQueryBuilder) rewrite(java);
        assertEquals(ItemRetrieval.retrieve(services, "shop", HISTORY, 3, true), rewritten.items());
        assertEquals(1, tasks.get());
    }

    public void testUnknownModelIsNotFound() {
        PlainActionFuture<QueryBuilder> future = new PlainActionFuture<>();
        Rewriteable.rewriteAndFetch(new SeqRecQueryBuilder(SeqRecQueryOptions.of("missing", "item_id", HISTORY), () -> services),
                coordinatorContext(), future);
        ResourceNotFoundException e = expectThrows(ResourceNotFoundException.class, () -> future.actionGet(30, TimeUnit.SECONDS));
        assertThat(e.getMessage(), containsString("seqrec model [missing] not found"));
    }

    public void testTheNodeHistoryLimitApplies() {
        List<String> six = List.of("sku-1", "sku-2", "sku-3", "sku-4", "sku-5", "sku-6");
        SeqRecQueryBuilder java = new SeqRecQueryBuilder(SeqRecQueryOptions.of("shop", "item_id", six));
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> rewrite(java));
        assertThat(e.getMessage(), containsString("more than the 5 allowed"));
        assertEquals(0, tasks.get());
    }
}
