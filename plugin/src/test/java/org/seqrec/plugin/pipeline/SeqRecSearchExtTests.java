package org.seqrec.plugin.pipeline;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.List;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.common.io.stream.NamedWriteableAwareStreamInput;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.search.SearchModule;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.test.OpenSearchTestCase;
import org.seqrec.plugin.SeqRecPlugin;

/**
 * The search request's {@code ext.seqrec} section: parsed from JSON with the plugin's registration,
 * written back as the same JSON, and carried over the wire inside a search source (as a search is
 * sent to other nodes' shards) with the registry a node builds.
 */
public class SeqRecSearchExtTests extends OpenSearchTestCase {
    private final SearchModule module = new SearchModule(Settings.EMPTY, List.of(new SeqRecPlugin(Settings.EMPTY)));

    private SearchSourceBuilder parse(String json) throws IOException {
        try (XContentParser parser = createParser(
                new NamedXContentRegistry(module.getNamedXContents()),
                JsonXContent.jsonXContent,
                new BytesArray(json))) {
            return SearchSourceBuilder.fromXContent(parser);
        }
    }

    public void testParsesAndWritesTheDocumentedJson() throws IOException {
        SearchSourceBuilder source =
                parse("{\"query\": {\"match_all\": {}}, \"ext\": {\"seqrec\": {\"user_id\": \"u-42\"}}}");
        assertEquals(List.of(new SeqRecSearchExt("u-42")), source.ext());
        assertEquals(source, parse(source.toString()));
        // a number is taken as its text, as in the clauses
        assertEquals(
                List.of(new SeqRecSearchExt("42")),
                parse("{\"ext\": {\"seqrec\": {\"user_id\": 42}}}").ext());
    }

    public void testTravelsOverTheWireInsideASearchSource() throws IOException {
        SearchSourceBuilder source = new SearchSourceBuilder()
                .query(QueryBuilders.termQuery("title", "gloves"))
                .ext(List.of(new SeqRecSearchExt("u-7")));
        NamedWriteableRegistry registry = new NamedWriteableRegistry(module.getNamedWriteables());
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            source.writeTo(out);
            try (StreamInput in = new NamedWriteableAwareStreamInput(out.bytes().streamInput(), registry)) {
                SearchSourceBuilder copy = new SearchSourceBuilder(in);
                assertEquals(source, copy);
                assertEquals("u-7", ((SeqRecSearchExt) copy.ext().get(0)).userId());
            }
        }
    }

    public void testRejectsBadSectionsNamingTheField() {
        assertThat(
                expectThrows(Exception.class, () -> parse("{\"ext\": {\"seqrec\": {}}}"))
                        .getMessage(),
                containsString("[ext.seqrec] requires [user_id]"));
        assertThat(
                expectThrows(Exception.class, () -> parse("{\"ext\": {\"seqrec\": {\"user_id\": \" \"}}}"))
                        .getMessage(),
                containsString("[ext.seqrec] [user_id] must be a non-empty string"));
        assertThat(
                expectThrows(
                                Exception.class,
                                () -> parse("{\"ext\": {\"seqrec\": {\"user_id\": \"u\", \"history\": []}}}"))
                        .getMessage(),
                containsString("unknown field [history]"));
        assertThat(
                expectThrows(Exception.class, () -> parse("{\"ext\": {\"seqrec\": {\"user_id\": [\"u\"]}}}"))
                        .getMessage(),
                containsString("user_id"));
    }
}
