package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.io.stream.NamedWriteable;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.QueryBuilder;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseRewriteTestCase;
import org.seqrec.plugin.parse.SeqRecQueryParser;
import org.seqrec.plugin.retrieval.ItemRetrieval;

/** The query's coordinator rewrite (see {@link ClauseRewriteTestCase}): the index is searched once and the items shipped. */
public class SeqRecQueryBuilderRewriteTests extends ClauseRewriteTestCase<SeqRecQueryBuilder> {

    @Override
    protected int modelItems() {
        return 20;
    }

    @Override
    protected NamedWriteableRegistry.Entry reader(Supplier<SeqRecServices> node) {
        return new NamedWriteableRegistry.Entry(
                QueryBuilder.class, SeqRecQueryBuilder.NAME, in -> new SeqRecQueryBuilder(in, node));
    }

    @Override
    protected Class<? extends NamedWriteable> category() {
        return QueryBuilder.class;
    }

    private SeqRecQueryBuilder parse(String json) throws IOException {
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            parser.nextToken();
            return SeqRecQueryParser.parse(parser, () -> services);
        }
    }

    private static String body(String modelId, List<String> history) {
        return "{\"model_id\": \"" + modelId + "\", \"item_field\": \"item_id\", \"history\": "
                + history.stream().map(h -> "\"" + h + "\"").toList();
    }

    @Override
    protected SeqRecQueryBuilder parsed(String modelId, List<String> history) throws IOException {
        return parse(body(modelId, history) + "}");
    }

    @Override
    protected SeqRecQueryBuilder decorated() throws IOException {
        return parse(body("shop", HISTORY) + ", \"k\": 6, \"boost\": 3, \"_name\": \"recs\"}");
    }

    @Override
    protected SeqRecQueryBuilder java(String modelId, List<String> history) {
        return new SeqRecQueryBuilder(
                SeqRecQueryOptions.of(modelId, "item_id", history).withK(3));
    }

    @Override
    protected Object expected(SeqRecQueryBuilder builder, List<String> history) {
        SeqRecQueryOptions o = builder.options();
        return ItemRetrieval.retrieve(services, o.modelId(), history, o.k(), o.excludeHistory());
    }

    @Override
    protected Object result(SeqRecQueryBuilder builder) {
        return builder.items();
    }

    @Override
    protected void assertSameResult(Object expected, Object actual) {
        assertEquals(expected, actual);
    }

    @Override
    protected void assertKeptTheOptions(SeqRecQueryBuilder original, SeqRecQueryBuilder rewritten) {
        assertEquals(original.options(), rewritten.options());
        assertEquals(6, rewritten.items().size());
        assertEquals(3f, rewritten.boost(), 0f);
        assertEquals("recs", rewritten.queryName());
    }
}
