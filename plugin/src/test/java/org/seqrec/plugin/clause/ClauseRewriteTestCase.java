package org.seqrec.plugin.clause;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.support.PlainActionFuture;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.NamedWriteable;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.index.query.BaseQueryRewriteContext;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.Rewriteable;
import org.opensearch.test.OpenSearchTestCase;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.model.ConfigDirectoryModelSource;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.testing.TestModels;

/**
 * The coordinator's rewrite of a {@code seqrec} clause ({@link ClauseRewrite}), run for the query
 * and the rescorer with a real model read from a config directory: the work runs once, off the
 * calling thread, the rewritten builder carries its result to the shards, builders made in Java
 * bind to the node, and the node's limits apply. The services allow histories of up to 5 items.
 *
 * @param <B> the builder
 */
public abstract class ClauseRewriteTestCase<B extends NamedWriteable & Rewriteable<?>> extends OpenSearchTestCase {
    protected static final List<String> HISTORY = List.of("sku-4", "sku-9", "nope", "sku-2");

    private ExecutorService pool;
    /** The tasks sent to the inference pool: one per request's work. */
    protected final AtomicInteger tasks = new AtomicInteger();

    protected ModelRegistry registry;
    protected SeqRecServices services;
    protected NamedWriteableRegistry writeables;

    /** How many items the test model {@code shop} has (sku-1..sku-N). */
    protected abstract int modelItems();

    /** The registry entry of the builder's reader, as the plugin registers it, bound to {@code services}. */
    protected abstract NamedWriteableRegistry.Entry reader(Supplier<SeqRecServices> services);

    protected abstract Class<? extends NamedWriteable> category();

    /** A parsed builder (bound to {@link #services}) for this model and history, other options at their defaults. */
    protected abstract B parsed(String modelId, List<String> history) throws IOException;

    /** A parsed builder of model {@code shop} and {@link #HISTORY} with non-default options (boost and name, or window size...). */
    protected abstract B decorated() throws IOException;

    /** A builder made in Java code (no services). */
    protected abstract B java(String modelId, List<String> history);

    /** What the work computes for {@code builder}'s options and {@code history}, here on the test thread. */
    protected abstract Object expected(B builder, List<String> history);

    /** The builder's result, or {@code null}. */
    protected abstract Object result(B builder);

    protected abstract void assertSameResult(Object expected, Object actual);

    /** Asserts that the rewrite kept everything of {@code original} but the result. */
    protected abstract void assertKeptTheOptions(B original, B rewritten);

    @Before
    public void startServices() throws IOException {
        Path config = createTempDir();
        TestModels.install(config, "shop", TestModels.sasrec(modelItems(), 8, 4, 7L));
        registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU);
        pool = Executors.newSingleThreadExecutor();
        services = new SeqRecServices(
                registry,
                task -> {
                    tasks.incrementAndGet();
                    pool.execute(task);
                },
                5);
        writeables = new NamedWriteableRegistry(List.of(reader(() -> services)));
    }

    @After
    public void stopServices() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        registry.close();
    }

    protected final QueryRewriteContext coordinatorContext() {
        return new BaseQueryRewriteContext(NamedXContentRegistry.EMPTY, writeables, null, () -> 0L);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    protected final PlainActionFuture<B> rewriteAndFetch(B builder) {
        PlainActionFuture<B> future = new PlainActionFuture<>();
        Rewriteable.rewriteAndFetch((Rewriteable) builder, coordinatorContext(), (ActionListener) future);
        return future;
    }

    protected final B rewrite(B builder) {
        return rewriteAndFetch(builder).actionGet(30, TimeUnit.SECONDS);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private B copy(B builder) throws IOException {
        return (B) copyNamedWriteable((NamedWriteable) builder, writeables, (Class) category());
    }

    public void testComputesOnceAndShipsTheResult() throws IOException {
        B parsed = decorated();
        B rewritten = rewrite(parsed);

        assertSameResult(expected(parsed, HISTORY), result(rewritten));
        assertKeptTheOptions(parsed, rewritten);
        assertEquals(1, tasks.get());

        // what a shard receives: the result, and nothing left to do
        B shipped = copy(rewritten);
        assertSameResult(result(rewritten), result(shipped));
        QueryRewriteContext ctx = coordinatorContext();
        assertSame(shipped, shipped.rewrite(ctx));
        assertFalse(ctx.hasAsyncActions());
        assertEquals(1, tasks.get());
    }

    public void testBuildersMadeInJavaBindToTheNode() {
        B java = java("shop", HISTORY);
        B rewritten = rewrite(java);
        assertSameResult(expected(java, HISTORY), result(rewritten));
        assertEquals(1, tasks.get());
    }

    public void testUnknownModelIsNotFound() throws IOException {
        PlainActionFuture<B> future = rewriteAndFetch(parsed("missing", HISTORY));
        ResourceNotFoundException e =
                expectThrows(ResourceNotFoundException.class, () -> future.actionGet(30, TimeUnit.SECONDS));
        assertThat(e.getMessage(), containsString("seqrec model [missing] not found"));
    }

    public void testTheNodeHistoryLimitAppliesToParsedAndJavaBuilders() {
        List<String> six = List.of("sku-1", "sku-2", "sku-3", "sku-4", "sku-5", "sku-6");
        Exception parsed = expectThrows(Exception.class, () -> parsed("shop", six));
        assertThat(parsed.getMessage(), containsString("more than the 5 allowed"));
        B java = java("shop", six);
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> rewrite(java));
        assertThat(e.getMessage(), containsString("more than the 5 allowed"));
        assertEquals(0, tasks.get());
    }
}
