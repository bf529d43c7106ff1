package org.seqrec.plugin.store;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opensearch.Version;
import org.opensearch.cluster.AbstractNamedDiffable;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.NamedDiff;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

/**
 * The cluster's catalogue of stored models, kept in the cluster state's metadata (section
 * {@value #TYPE}): model id to {@link CatalogEntry}. Only pointers live here (a few hundred bytes
 * per model); the artifacts are in the store's system index. Every node sees a change with the
 * next cluster state, which is how nodes learn that a model was replaced or deleted; a node that
 * joins or restarts gets the catalogue with the cluster state. Persisted with the cluster
 * metadata, so it survives a full cluster restart.
 *
 * <p>Immutable. Every node of the cluster must have the plugin installed to read it.
 */
public final class ModelCatalog extends AbstractNamedDiffable<Metadata.Custom> implements Metadata.Custom {
    public static final String TYPE = "seqrec_models";
    public static final ModelCatalog EMPTY = new ModelCatalog(Map.of());

    private final Map<String, CatalogEntry> models;

    public ModelCatalog(Map<String, CatalogEntry> models) {
        this.models = Collections.unmodifiableMap(new TreeMap<>(models));
    }

    public ModelCatalog(StreamInput in) throws IOException {
        this(in.readMap(StreamInput::readString, CatalogEntry::readFrom));
    }

    /** The catalogue in {@code state}, empty when no model was ever stored. */
    public static ModelCatalog of(ClusterState state) {
        ModelCatalog catalog = state.metadata().custom(TYPE);
        return catalog == null ? EMPTY : catalog;
    }

    public Map<String, CatalogEntry> models() {
        return models;
    }

    public Optional<CatalogEntry> get(String modelId) {
        return Optional.ofNullable(models.get(modelId));
    }

    /** A catalogue with {@code entry} put in place of any entry of the same id. */
    public ModelCatalog with(CatalogEntry entry) {
        Map<String, CatalogEntry> next = new TreeMap<>(models);
        next.put(entry.modelId(), entry);
        return new ModelCatalog(next);
    }

    /** A catalogue without {@code modelId}. */
    public ModelCatalog without(String modelId) {
        Map<String, CatalogEntry> next = new TreeMap<>(models);
        next.remove(modelId);
        return new ModelCatalog(next);
    }

    @Override
    public String getWriteableName() {
        return TYPE;
    }

    @Override
    public Version getMinimalSupportedVersion() {
        return Version.V_3_0_0;
    }

    @Override
    public EnumSet<Metadata.XContentContext> context() {
        // API: visible in GET _cluster/state; GATEWAY: persisted, so stored models survive a full restart
        return EnumSet.of(Metadata.XContentContext.API, Metadata.XContentContext.GATEWAY);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeMap(models, StreamOutput::writeString, (o, e) -> e.writeTo(o));
    }

    public static NamedDiff<Metadata.Custom> readDiffFrom(StreamInput in) throws IOException {
        return readDiffFrom(Metadata.Custom.class, TYPE, in);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject("models");
        for (CatalogEntry entry : models.values()) {
            builder.startObject(entry.modelId());
            builder.startObject("current");
            entry.current().toXContent(builder, params);
            builder.endObject();
            if (entry.previous() != null) {
                builder.startObject("previous");
                entry.previous().toXContent(builder, params);
                builder.endObject();
            }
            builder.endObject();
        }
        return builder.endObject();
    }

    /** Reads what {@link #toXContent} writes; the parser is on the section's START_OBJECT. */
    public static ModelCatalog fromXContent(XContentParser parser) throws IOException {
        Map<String, CatalogEntry> models = new TreeMap<>();
        expect(
                parser.currentToken() == XContentParser.Token.START_OBJECT ? parser.currentToken() : parser.nextToken(),
                XContentParser.Token.START_OBJECT);
        while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
            if ("models".equals(parser.currentName()) == false) {
                parser.nextToken();
                parser.skipChildren();
                continue;
            }
            expect(parser.nextToken(), XContentParser.Token.START_OBJECT);
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String modelId = parser.currentName();
                expect(parser.nextToken(), XContentParser.Token.START_OBJECT);
                ModelVersion current = null;
                ModelVersion previous = null;
                while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                    String field = parser.currentName();
                    expect(parser.nextToken(), XContentParser.Token.START_OBJECT);
                    switch (field) {
                        case "current" -> current = ModelVersion.fromXContent(parser);
                        case "previous" -> previous = ModelVersion.fromXContent(parser);
                        default -> parser.skipChildren();
                    }
                }
                models.put(modelId, new CatalogEntry(modelId, current, previous));
            }
        }
        return new ModelCatalog(models);
    }

    private static void expect(XContentParser.Token actual, XContentParser.Token expected) throws IOException {
        if (actual != expected) {
            throw new IOException("malformed [" + TYPE + "] metadata: expected " + expected + ", got " + actual);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCatalog other && models.equals(other.models);
    }

    @Override
    public int hashCode() {
        return models.hashCode();
    }

    @Override
    public String toString() {
        return TYPE + models.keySet();
    }
}
