package org.seqrec.plugin.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

/** The catalogue's versions rule and its wire and JSON (gateway) forms. */
public class ModelCatalogTests {
    private static ModelVersion upload(String id) {
        return new ModelVersion(id, 1, 1000 + id.length(), "ab".repeat(32), 3, 1_700_000_000_000L);
    }

    @Test
    public void aNewVersionKeepsOnlyTheOneItReplaced() {
        CatalogEntry first = new CatalogEntry("shop", upload("a"), null);
        CatalogEntry second = first.replacedBy(upload("b"));
        CatalogEntry third = second.replacedBy(upload("c"));
        assertEquals(2, second.current().generation());
        assertEquals(3, third.current().generation());
        assertEquals("b", third.previous().uploadId());
        assertTrue(third.version("b").isPresent());
        assertFalse(third.version("a").isPresent());
        assertEquals(
                List.of("a"),
                CatalogEntry.dropped(second, third).stream()
                        .map(ModelVersion::uploadId)
                        .toList());
        assertEquals(
                List.of("c", "b"),
                CatalogEntry.dropped(third, null).stream()
                        .map(ModelVersion::uploadId)
                        .toList());
        assertTrue(CatalogEntry.dropped(null, first).isEmpty());
    }

    @Test
    public void roundTripsOverTheWireAndAsJson() throws IOException {
        ModelCatalog catalog = ModelCatalog.EMPTY
                .with(new CatalogEntry("shop", upload("a"), null).replacedBy(upload("b")))
                .with(new CatalogEntry("news", upload("n"), null));
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            catalog.writeTo(out);
            try (StreamInput in = out.bytes().streamInput()) {
                assertEquals(catalog, new ModelCatalog(in));
            }
        }
        XContentBuilder json = XContentFactory.jsonBuilder().startObject();
        catalog.toXContent(json, ToXContent.EMPTY_PARAMS);
        json.endObject();
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                NamedXContentRegistry.EMPTY,
                DeprecationHandler.THROW_UNSUPPORTED_OPERATION,
                BytesReference.bytes(json).utf8ToString())) {
            parser.nextToken();
            assertEquals(catalog, ModelCatalog.fromXContent(parser));
        }
        assertEquals(catalog.without("shop").models().keySet(), java.util.Set.of("news"));
        assertNull(catalog.without("shop").models().get("shop"));
    }

    @Test
    public void checksumsAreHexSha256() {
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ArtifactBytes.sha256(new byte[0]));
        assertEquals(
                ArtifactBytes.sha256("seqrec".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                ArtifactBytes.sha256(new org.opensearch.core.common.bytes.BytesArray("seqrec")));
    }
}
