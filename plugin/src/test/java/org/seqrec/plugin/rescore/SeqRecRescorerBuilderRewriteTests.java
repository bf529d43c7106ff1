package org.seqrec.plugin.rescore;

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
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.BaseQueryRewriteContext;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.Rewriteable;
import org.opensearch.search.rescore.RescorerBuilder;
import org.opensearch.test.OpenSearchTestCase;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.model.ConfigDirectoryModelSource;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.parse.SeqRecRescoreParser;
import org.seqrec.plugin.testing.TestModels;

/**
 * The coordinator's rewrite: the history is encoded once, off the calling thread, by a real model
 * read from a config directory, and the rewritten builder carries the vector.
 */
public class SeqRecRescorerBuilderRewriteTests extends OpenSearchTestCase {
    private static final List<String> HISTORY = List.of("sku-4", "sku-9", "nope", "sku-2");

    private ExecutorService pool;
    private final AtomicInteger encodings = new AtomicInteger();
    private ModelRegistry registry;
    private SeqRecServices services;
    private NamedWriteableRegistry writeables;

    @Before
    public void startServices() throws IOException {
        Path config = createTempDir();
        TestModels.install(config, "shop", TestModels.sasrec(12, 8, 4, 7L));
        registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU);
        pool = Executors.newSingleThreadExecutor();
        // counts the tasks sent to the inference pool: one per encoding
        services = new SeqRecServices(registry, task -> {
            encodings.incrementAndGet();
            pool.execute(task);
        }, 5);
        writeables = new NamedWriteableRegistry(List.of(new NamedWriteableRegistry.Entry(RescorerBuilder.class, SeqRecRescorerBuilder.NAME,
                in -> new SeqRecRescorerBuilder(in, () -> services))));
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

    private SeqRecRescorerBuilder parse(String modelId, List<String> history) throws IOException {
        String json = "{\"model_id\": \"" + modelId + "\", \"item_field\": \"item_id\", \"history\": "
                + history.stream().map(h -> "\"" + h + "\"").toList() + "}";
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            parser.nextToken();
            return SeqRecRescoreParser.parse(parser, () -> services);
        }
    }

    private RescorerBuilder<SeqRecRescorerBuilder> rewrite(RescorerBuilder<SeqRecRescorerBuilder> builder) {
        PlainActionFuture<RescorerBuilder<SeqRecRescorerBuilder>> future = new PlainActionFuture<>();
        Rewriteable.rewriteAndFetch(builder, coordinatorContext(), future);
        return future.actionGet(30, TimeUnit.SECONDS);
    }

    public void testEncodesTheHistoryOnceAndShipsTheVector() throws IOException {
        SeqRecRescorerBuilder parsed = parse("shop", HISTORY);
        parsed.windowSize(42);
        SeqRecRescorerBuilder rewritten = (SeqRecRescorerBuilder) rewrite(parsed);

        assertArrayEquals(registry.get("shop").encode(HISTORY), rewritten.userVector(), 0f);
        assertEquals(Integer.valueOf(42), rewritten.windowSize());
        assertEquals(parsed.options(), rewritten.options());
        assertEquals(1, encodings.get());

        // what a shard receives: the vector, and nothing left to do
        SeqRecRescorerBuilder shipped = (SeqRecRescorerBuilder) copyNamedWriteable(rewritten, writeables, RescorerBuilder.class);
        assertArrayEquals(rewritten.userVector(), shipped.userVector(), 0f);
        QueryRewriteContext ctx = coordinatorContext();
        assertSame(shipped, shipped.rewrite(ctx));
        assertFalse(ctx.hasAsyncActions());
        assertEquals(1, encodings.get());
    }

    public void testBuildersMadeInJavaBindToTheNode() throws IOException {
        SeqRecRescorerBuilder java = new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY));
        SeqRecRescorerBuilder rewritten = (SeqRecRescorerBuilder) rewrite(java);
        assertArrayEquals(registry.get("shop").encode(HISTORY), rewritten.userVector(), 0f);
        assertEquals(1, encodings.get());
    }

    public void testUnknownModelIsNotFound() throws IOException {
        PlainActionFuture<RescorerBuilder<SeqRecRescorerBuilder>> future = new PlainActionFuture<>();
        Rewriteable.rewriteAndFetch(parse("missing", HISTORY), coordinatorContext(), future);
        ResourceNotFoundException e = expectThrows(ResourceNotFoundException.class, () -> future.actionGet(30, TimeUnit.SECONDS));
        assertThat(e.getMessage(), containsString("seqrec model [missing] not found"));
    }

    public void testTheNodeLimitAppliesToParsedAndJavaBuilders() {
        List<String> six = List.of("sku-1", "sku-2", "sku-3", "sku-4", "sku-5", "sku-6");
        Exception parsed = expectThrows(Exception.class, () -> parse("shop", six));
        assertThat(parsed.getMessage(), containsString("more than the 5 allowed"));
        SeqRecRescorerBuilder java = new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", six));
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> rewrite(java));
        assertThat(e.getMessage(), containsString("more than the 5 allowed"));
        assertEquals(0, encodings.get());
    }
}
