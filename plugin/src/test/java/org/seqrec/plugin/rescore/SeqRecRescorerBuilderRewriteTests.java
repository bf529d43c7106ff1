package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.io.stream.NamedWriteable;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.search.rescore.RescorerBuilder;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseRewriteTestCase;
import org.seqrec.plugin.parse.SeqRecRescoreParser;

/** The rescorer's coordinator rewrite (see {@link ClauseRewriteTestCase}): the history is encoded once and the vector shipped. */
public class SeqRecRescorerBuilderRewriteTests extends ClauseRewriteTestCase<SeqRecRescorerBuilder> {

    @Override
    protected int modelItems() {
        return 12;
    }

    @Override
    protected NamedWriteableRegistry.Entry reader(Supplier<SeqRecServices> node) {
        return new NamedWriteableRegistry.Entry(
                RescorerBuilder.class, SeqRecRescorerBuilder.NAME, in -> new SeqRecRescorerBuilder(in, node));
    }

    @Override
    protected Class<? extends NamedWriteable> category() {
        return RescorerBuilder.class;
    }

    @Override
    protected SeqRecRescorerBuilder parsed(String modelId, List<String> history) throws IOException {
        String json = "{\"model_id\": \"" + modelId + "\", \"item_field\": \"item_id\", \"history\": "
                + history.stream().map(h -> "\"" + h + "\"").toList() + "}";
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            parser.nextToken();
            return SeqRecRescoreParser.parse(parser, () -> services);
        }
    }

    @Override
    protected SeqRecRescorerBuilder decorated() throws IOException {
        return parsed("shop", HISTORY).windowSize(42);
    }

    @Override
    protected SeqRecRescorerBuilder java(String modelId, List<String> history) {
        return new SeqRecRescorerBuilder(SeqRecRescoreOptions.of(modelId, "item_id", history));
    }

    @Override
    protected Object expected(SeqRecRescorerBuilder builder, List<String> history) {
        return registry.get(builder.options().modelId()).encode(history);
    }

    @Override
    protected Object result(SeqRecRescorerBuilder builder) {
        return builder.userVector();
    }

    @Override
    protected void assertSameResult(Object expected, Object actual) {
        assertArrayEquals((float[]) expected, (float[]) actual, 0f);
    }

    @Override
    protected void assertKeptTheOptions(SeqRecRescorerBuilder original, SeqRecRescorerBuilder rewritten) {
        assertEquals(original.options(), rewritten.options());
        assertEquals(Integer.valueOf(42), rewritten.windowSize());
    }
}
