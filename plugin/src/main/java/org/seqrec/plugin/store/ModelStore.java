package org.seqrec.plugin.store;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opensearch.ResourceAlreadyExistsException;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.delete.DeleteRequest;
import org.opensearch.action.get.MultiGetItemResponse;
import org.opensearch.action.get.MultiGetRequest;
import org.opensearch.action.get.MultiGetResponse;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.action.support.WriteRequest;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.bytes.CompositeBytesReference;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.index.IndexNotFoundException;
import org.opensearch.index.VersionType;
import org.opensearch.index.engine.VersionConflictEngineException;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.Client;
import org.seqrec.artifact.Manifest;

/**
 * Reads and writes artifacts in the store's system index ({@link ModelStoreIndex}). Artifacts are
 * split into chunks of {@code chunkSize} bytes, one document each, written in bulk requests of a
 * few chunks so that no single request or response gets large.
 *
 * <p>Every call blocks (it waits for the index operations): call it on the generic or the
 * {@code seqrec_inference} pool, never on a network or cluster-state thread. Calls run with the
 * thread context stashed: the store is the plugin's own system index, not the caller's data.
 * Thread-safe.
 */
public final class ModelStore {
    /** Chunks per bulk or multi-get request. */
    private static final int CHUNKS_PER_REQUEST = 8;

    private static final TimeValue TIMEOUT = TimeValue.timeValueMinutes(5);

    private final Client client;
    private final ThreadContext threadContext;
    private final int chunkSize;
    private final long maxArtifactBytes;

    /**
     * @param chunkSize bytes per chunk document
     * @param maxArtifactBytes the largest artifact the store accepts ({@code plugins.seqrec.max_artifact_size})
     */
    public ModelStore(Client client, ThreadPool threadPool, int chunkSize, long maxArtifactBytes) {
        if (chunkSize < 1 || maxArtifactBytes < 1) {
            throw new IllegalArgumentException("chunk size and artifact size limit must be positive");
        }
        this.client = client;
        this.threadContext = threadPool.getThreadContext();
        this.chunkSize = chunkSize;
        this.maxArtifactBytes = maxArtifactBytes;
    }

    public long maxArtifactBytes() {
        return maxArtifactBytes;
    }

    /** How many chunks an artifact of {@code size} bytes takes. */
    public int chunkCount(long size) {
        return (int) ((size + chunkSize - 1) / chunkSize);
    }

    /** Writes the chunks of one upload and refreshes, so that every copy can read them. */
    public void writeChunks(String modelId, String uploadId, BytesReference artifact) throws IOException {
        try (ThreadContext.StoredContext ignored = threadContext.stashContext()) {
            ensureIndex();
            int chunks = chunkCount(artifact.length());
            for (int first = 0; first < chunks; first += CHUNKS_PER_REQUEST) {
                BulkRequest bulk = new BulkRequest();
                for (int n = first; n < Math.min(chunks, first + CHUNKS_PER_REQUEST); n++) {
                    int from = n * chunkSize;
                    BytesReference slice = artifact.slice(from, Math.min(chunkSize, artifact.length() - from));
                    XContentBuilder doc = XContentFactory.cborBuilder()
                            .startObject()
                            .field(ModelStoreIndex.DOC_TYPE, ModelStoreIndex.CHUNK)
                            .field("model_id", modelId)
                            .field("upload_id", uploadId)
                            .field("chunk", n)
                            .field("data", BytesReference.toBytes(slice))
                            .endObject();
                    bulk.add(new IndexRequest(ModelStoreIndex.NAME)
                            .id(ModelStoreIndex.chunkId(modelId, uploadId, n))
                            .source(doc));
                }
                if (first + CHUNKS_PER_REQUEST >= chunks) {
                    bulk.setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
                }
                check(client.bulk(bulk).actionGet(TIMEOUT), "write the chunks of model [" + modelId + "]");
            }
        }
    }

    /**
     * Writes (or replaces) the model's metadata document: its current version and manifest. The
     * generation is the document's external version, so that of two concurrent uploads the later
     * generation's document wins.
     */
    public void writeMetadata(String modelId, ModelVersion version, Manifest manifest) throws IOException {
        Map<String, Object> manifestMap = ManifestFields.of(manifest);
        XContentBuilder doc = XContentFactory.jsonBuilder()
                .startObject()
                .field(ModelStoreIndex.DOC_TYPE, ModelStoreIndex.MODEL)
                .field("model_id", modelId)
                .field("upload_id", version.uploadId())
                .field("generation", version.generation())
                .field("size_bytes", version.sizeBytes())
                .field("sha256", version.sha256())
                .field("chunk_count", version.chunkCount())
                .field("uploaded_at", version.uploadedAtMillis())
                .field("manifest", manifestMap)
                .endObject();
        try (ThreadContext.StoredContext ignored = threadContext.stashContext()) {
            ensureIndex();
            client.index(new IndexRequest(ModelStoreIndex.NAME)
                            .id(modelId)
                            .source(doc)
                            .versionType(VersionType.EXTERNAL)
                            .version(version.generation())
                            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE))
                    .actionGet(TIMEOUT);
        } catch (VersionConflictEngineException e) {
            // a later generation's document is already there
        }
    }

    /** The metadata documents' sources by model id (models without one are left out). */
    public Map<String, Map<String, Object>> metadata(Collection<String> modelIds) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (modelIds.isEmpty()) {
            return out;
        }
        MultiGetRequest get = new MultiGetRequest();
        modelIds.forEach(id -> get.add(ModelStoreIndex.NAME, id));
        try (ThreadContext.StoredContext ignored = threadContext.stashContext()) {
            for (MultiGetItemResponse item :
                    client.multiGet(get).actionGet(TIMEOUT).getResponses()) {
                if (item.isFailed() == false && item.getResponse().isExists()) {
                    out.put(item.getId(), item.getResponse().getSourceAsMap());
                }
            }
        }
        return out;
    }

    /**
     * Reads one version's bytes back and checks their length and SHA-256 against the catalogue.
     *
     * @throws IOException when a chunk is missing or the bytes do not match (a damaged store)
     */
    public BytesReference read(String modelId, ModelVersion version) throws IOException {
        BytesReference[] parts = new BytesReference[version.chunkCount()];
        try (ThreadContext.StoredContext ignored = threadContext.stashContext()) {
            for (int first = 0; first < parts.length; first += CHUNKS_PER_REQUEST) {
                MultiGetRequest get = new MultiGetRequest();
                for (int n = first; n < Math.min(parts.length, first + CHUNKS_PER_REQUEST); n++) {
                    get.add(ModelStoreIndex.NAME, ModelStoreIndex.chunkId(modelId, version.uploadId(), n));
                }
                MultiGetResponse response = client.multiGet(get).actionGet(TIMEOUT);
                int n = first;
                for (MultiGetItemResponse item : response.getResponses()) {
                    if (item.isFailed() || item.getResponse().isExists() == false) {
                        throw new IOException("chunk " + n + " of seqrec model [" + modelId + "] version ["
                                + version.uploadId()
                                + "] is missing from " + ModelStoreIndex.NAME
                                + (item.isFailed() ? ": " + item.getFailure().getMessage() : ""));
                    }
                    Object data = item.getResponse().getSourceAsMap().get("data");
                    if (data instanceof byte[] bytes) {
                        parts[n] = new BytesArray(bytes);
                    } else {
                        throw new IOException("chunk " + n + " of seqrec model [" + modelId + "] holds no bytes");
                    }
                    n++;
                }
            }
        }
        BytesReference artifact = CompositeBytesReference.of(parts);
        if (artifact.length() != version.sizeBytes()
                || ArtifactBytes.sha256(artifact).equals(version.sha256()) == false) {
            throw new IOException("seqrec model [" + modelId + "] version [" + version.uploadId() + "] read back from "
                    + ModelStoreIndex.NAME + " does not match its checksum: upload it again");
        }
        return artifact;
    }

    /** Deletes the chunks of these versions (ids known from their chunk counts); best effort. */
    public void deleteChunks(String modelId, Collection<ModelVersion> versions) {
        BulkRequest bulk = new BulkRequest();
        for (ModelVersion v : versions) {
            for (int n = 0; n < v.chunkCount(); n++) {
                bulk.add(new DeleteRequest(ModelStoreIndex.NAME, ModelStoreIndex.chunkId(modelId, v.uploadId(), n)));
            }
        }
        if (bulk.numberOfActions() == 0) {
            return;
        }
        try (ThreadContext.StoredContext ignored = threadContext.stashContext()) {
            client.bulk(bulk).actionGet(TIMEOUT);
        } catch (IndexNotFoundException e) {
            // nothing to delete
        }
    }

    /** Deletes the model's metadata document, if any. */
    public void deleteMetadata(String modelId) {
        try (ThreadContext.StoredContext ignored = threadContext.stashContext()) {
            client.delete(new DeleteRequest(ModelStoreIndex.NAME, modelId)
                            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE))
                    .actionGet(TIMEOUT);
        } catch (IndexNotFoundException e) {
            // nothing to delete
        }
    }

    private void ensureIndex() {
        if (client.admin()
                .indices()
                .prepareExists(ModelStoreIndex.NAME)
                .get(TIMEOUT)
                .isExists()) {
            return;
        }
        try {
            client.admin()
                    .indices()
                    .prepareCreate(ModelStoreIndex.NAME)
                    .setSettings(ModelStoreIndex.settings())
                    .setMapping(ModelStoreIndex.mapping())
                    .get(TIMEOUT);
        } catch (ResourceAlreadyExistsException e) {
            // created concurrently by another upload
        }
    }

    private static void check(BulkResponse response, String what) throws IOException {
        if (response.hasFailures()) {
            throw new IOException(
                    "could not " + what + " in " + ModelStoreIndex.NAME + ": " + response.buildFailureMessage());
        }
    }
}
