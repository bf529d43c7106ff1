package org.seqrec.plugin.clause;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

import java.io.IOException;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.search.SearchModule;
import org.opensearch.test.EqualsHashCodeTestUtils;
import org.opensearch.test.OpenSearchTestCase;
import org.seqrec.plugin.SeqRecPlugin;
import org.seqrec.plugin.history.HistorySpec;

/**
 * What every {@code seqrec} clause builder must do, run for the query and the rescorer: JSON, wire
 * and equality round trips, registered the way a node registers them (through {@link SeqRecPlugin}
 * and {@link SearchModule}), and the rejections of the fields all clauses share. The node is not
 * started, so the default history limit (200) applies. Subclasses add their own options' cases.
 *
 * @param <B> the builder
 */
public abstract class ClauseBuilderTestCase<B extends ToXContentObject> extends OpenSearchTestCase {
    private static NamedXContentRegistry xContent;
    private static NamedWriteableRegistry writeables;

    @BeforeClass
    public static void registries() {
        SearchModule module = new SearchModule(Settings.EMPTY, List.of(new SeqRecPlugin(Settings.EMPTY)));
        xContent = new NamedXContentRegistry(module.getNamedXContents());
        writeables = new NamedWriteableRegistry(module.getNamedWriteables());
    }

    @AfterClass
    public static void dropRegistries() {
        xContent = null;
        writeables = null;
    }

    @Override
    protected NamedXContentRegistry xContentRegistry() {
        return xContent;
    }

    @Override
    protected NamedWriteableRegistry writableRegistry() {
        return writeables;
    }

    /** A random builder, carrying a random once-per-request result when {@code withResult}. */
    protected abstract B randomBuilder(boolean withResult);

    /** A builder that differs from {@code b} in exactly one wire field. */
    protected abstract B mutate(B b);

    /** {@code b} after a trip over the wire through the node's registry. */
    protected abstract B copy(B b) throws IOException;

    /** Parses the JSON of a whole clause, {@code {"seqrec": {...}}} (with a rescore's {@code window_size}). */
    protected abstract Object parse(String json) throws IOException;

    protected abstract CommonClauseOptions common(B b);

    /** The builder's once-per-request result, or {@code null}. */
    protected abstract Object result(B b);

    protected abstract void assertSameResult(Object expected, Object actual);

    /** A builder with a result, and a string its JSON would hold if the result leaked into it. */
    protected abstract B builderWithResult();

    protected abstract String printedOnlyWithTheResult();

    public void testJsonRoundTrip() throws IOException {
        for (int i = 0; i < 50; i++) {
            B original = randomBuilder(false);
            XContentBuilder json = XContentFactory.jsonBuilder();
            original.toXContent(json, ToXContent.EMPTY_PARAMS);
            Object parsed = parse(json.toString());
            assertEquals(original, parsed);
            assertEquals(original.hashCode(), parsed.hashCode());
        }
    }

    public void testJsonLeavesTheResultOut() {
        String json = builderWithResult().toString();
        assertFalse(json, json.contains(printedOnlyWithTheResult()));
    }

    public void testWireRoundTripKeepsTheResult() throws IOException {
        for (int i = 0; i < 50; i++) {
            boolean withResult = randomBoolean();
            B original = randomBuilder(withResult);
            B copy = copy(original);
            assertEquals(original, copy);
            assertEquals(original.hashCode(), copy.hashCode());
            assertSameResult(result(original), result(copy));
            assertEquals(withResult, result(copy) != null);
        }
    }

    public void testEqualsAndHashCode() throws IOException {
        for (int i = 0; i < 20; i++) {
            EqualsHashCodeTestUtils.checkEqualsAndHashCode(randomBuilder(randomBoolean()), this::copy, this::mutate);
        }
    }

    protected final ParsingException rejected(String body) {
        Exception e = expectThrows(Exception.class, () -> parse("{\"seqrec\": " + body + "}"));
        assertThat(e, instanceOf(ParsingException.class));
        return (ParsingException) e;
    }

    protected static final String VALID = "\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [\"a\"]";

    public void testRejectsMissingRequiredFields() {
        assertEquals(
                "[seqrec] requires [model_id]",
                rejected("{\"item_field\": \"f\", \"history\": []}").getMessage());
        assertEquals(
                "[seqrec] requires [item_field]",
                rejected("{\"model_id\": \"m\", \"history\": []}").getMessage());
        assertEquals(
                "[seqrec] requires exactly one of [history] (item ids, oldest first) or [user_id] (with [events])",
                rejected("{\"model_id\": \"m\", \"item_field\": \"f\"}").getMessage());
    }

    public void testRejectsWrongTypesOfTheCommonFields() {
        assertThat(
                rejected("{\"model_id\": {\"a\": 1}, \"item_field\": \"f\", \"history\": []}")
                        .getMessage(),
                containsString("model_id"));
        assertThat(
                rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": \"sku-1\"}")
                        .getMessage(),
                containsString("[seqrec] [history] must be an array of item ids, oldest first, got VALUE_STRING"));
        assertThat(
                rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [\"a\", null]}")
                        .getMessage(),
                containsString("[history] must be an array of item ids (strings), got VALUE_NULL at position 1"));
        assertThat(
                rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [[\"a\"]]}")
                        .getMessage(),
                containsString("[history] must be an array of item ids"));
    }

    public void testRejectsBadCommonValuesNamingTheAllowedRange() {
        for (String bad : new String[] {"../x", "../../etc/passwd"}) {
            assertThat(
                    rejected("{\"model_id\": \"" + bad + "\", \"item_field\": \"f\", \"history\": []}")
                            .getMessage(),
                    containsString("[model_id] must match [a-z0-9][a-z0-9_.-]{0,99}"));
        }
        for (String blank : new String[] {"", " "}) {
            assertThat(
                    rejected("{\"model_id\": \"m\", \"item_field\": \"" + blank + "\", \"history\": []}")
                            .getMessage(),
                    containsString("[item_field] must be a non-empty field name"));
        }
    }

    public void testRejectsHistoriesOverTheLimit() throws IOException {
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            h.append(i == 0 ? "" : ",").append("\"sku-").append(i).append('"');
        }
        assertThat(
                rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [" + h + "]}")
                        .getMessage(),
                containsString(
                        "[history] holds 201 item ids, more than the 200 allowed (plugins.seqrec.max_history_length)"));
        String ok = h.substring(0, h.lastIndexOf(","));
        @SuppressWarnings("unchecked")
        B parsed = (B) parse("{\"seqrec\": {\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [" + ok + "]}}");
        assertEquals(200, ((HistorySpec.Given) common(parsed).history()).items().size());
    }

    public void testRejectsBadUserHistorySources() {
        String base = "\"model_id\": \"m\", \"item_field\": \"f\"";
        String events = "\"events\": {\"index\": \"events\"}";
        for (String history : new String[] {"[]", "[\"a\"]"}) {
            assertThat(
                    rejected("{" + base + ", \"history\": " + history + ", \"user_id\": \"u\", " + events + "}")
                            .getMessage(),
                    containsString("[seqrec] takes exactly one of [history] or [user_id], not both"));
        }
        assertThat(
                rejected("{" + base + ", \"user_id\": \"u\"}").getMessage(),
                containsString("[seqrec] [user_id] requires [events]"));
        assertThat(
                rejected("{" + base + ", \"history\": [], " + events + "}").getMessage(),
                containsString("[seqrec] [events] is only allowed with [user_id], not with [history]"));
        assertThat(
                rejected("{" + base + ", " + events + "}").getMessage(),
                containsString(
                        "[seqrec] requires exactly one of [history] (item ids, oldest first) or [user_id] (with [events])"));
        assertThat(
                rejected("{" + base + ", \"user_id\": \" \", " + events + "}").getMessage(),
                containsString("[seqrec] [user_id] must be a non-empty string"));
        assertThat(
                rejected("{" + base + ", \"user_id\": true, " + events + "}").getMessage(),
                containsString("[seqrec] [user_id] must be a string, got VALUE_BOOLEAN"));
        assertThat(
                rejected("{" + base + ", \"user_id\": \"u\", \"events\": \"events\"}")
                        .getMessage(),
                containsString("events"));
        for (String unknown : new String[] {"sort", "bogus"}) {
            assertThat(
                    rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"" + unknown
                                    + "\": \"x\"}}")
                            .getMessage(),
                    containsString("[events] unknown field [" + unknown + "]"));
        }
        assertThat(
                rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"size\": 5}}")
                        .getMessage(),
                containsString("[events] [index] is required"));
        assertThat(
                rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"time_field\": \"\"}}")
                        .getMessage(),
                containsString("[events] [time_field] must be a non-empty field name"));
        for (int bad : new int[] {0, -1, 201}) {
            assertThat(
                    rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"size\": " + bad
                                    + "}}")
                            .getMessage(),
                    containsString("[events] [size] must be between 1 and "));
        }
        assertThat(
                rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"size\": 201}}")
                        .getMessage(),
                containsString(
                        "[seqrec] [events] [size] must be between 1 and 200 (plugins.seqrec.max_history_length), got [201]"));
    }
}
