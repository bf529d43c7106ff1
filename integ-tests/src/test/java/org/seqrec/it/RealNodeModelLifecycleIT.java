package org.seqrec.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;
import org.seqrec.trainer.cli.SeqRecTrainer;
import picocli.CommandLine;

/**
 * A model's whole life on a real node, over HTTP only: uploaded with {@code seqrec-trainer upload},
 * described by GET, used by the rescorer and the query with a user's history looked up by
 * {@code user_id} in an events index, counted in the stats, replaced by a new version, deleted.
 * Bad uploads are refused with 400/413 and leave the store as it was.
 */
public class RealNodeModelLifecycleIT {
    private static final String MAX_ARTIFACT_SIZE = "512kb";
    private static PlantedModel model;
    private static Path artifactFile;
    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;

    @BeforeClass
    public static void startNode() throws Exception {
        model = PlantedModel.train(7);
        artifactFile = ItEnvironment.freshWorkDir("lifecycle-artifacts").resolve("shop.seqrec");
        model.artifact().write(artifactFile);
        node = ItEnvironment.node("real-node-lifecycle")
                .optPlugin(ItEnvironment.pluginDir())
                .optSetting("plugins.seqrec.max_artifact_size", MAX_ARTIFACT_SIZE)
                .start();
        http = node.http();
        PlantedModel.indexItems(http, model.artifact().vocabulary().ids(), id -> "trail item " + id);
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void uploadServeReplaceDelete() {
        assertEquals(0, upload("shop").code);
        Map<String, Object> described =
                http.get("/_plugins/_seqrec/models/shop").json();
        assertEquals(1, ((Number) described.get("generation")).intValue());
        assertEquals("sasrec", ((Map<?, ?>) described.get("manifest")).get("model_type"));
        assertTrue(http.get("/_plugins/_seqrec/models").body().contains("\"model_id\":\"shop\""));

        Map.Entry<String, String> planted =
                model.plantedNext().entrySet().iterator().next();
        PlantedModel.indexEvents(http, "u-1", List.of("n1", "n7", planted.getKey()));
        String events = """
                "user_id": "u-1", "events": {"index": "events", "user_field": "user_id", "item_field": "item_id",
                  "time_field": "timestamp", "size": 10}""";
        NodeResponse rescored = http.post("/items/_search", String.format(Locale.ROOT, """
                {"size": 3, "query": {"match": {"title": "trail"}},
                 "rescore": {"window_size": 100, "seqrec": {"model_id": "shop", "item_field": "item_id", %s}}}""", events));
        assertEquals(rescored.toString(), 200, rescored.status());
        assertEquals(planted.getValue(), firstId(rescored));
        NodeResponse retrieved = http.post("/items/_search", String.format(Locale.ROOT, """
                {"size": 3, "query": {"seqrec": {"model_id": "shop", "item_field": "item_id", "k": 10, %s}}}""", events));
        assertEquals(retrieved.toString(), 200, retrieved.status());
        assertEquals(planted.getValue(), firstId(retrieved));

        NodeResponse stats = http.get("/_plugins/_seqrec/stats");
        assertEquals(stats.toString(), 200, stats.status());
        Map<?, ?> nodeStats = (Map<?, ?>)
                ((Map<?, ?>) stats.json().get("nodes")).values().iterator().next();
        // both searches read u-1's same history: the second is served by the user-vector cache
        assertEquals(stats.body(), 1, ((Number) nodeStats.get("encodes")).intValue());
        assertEquals(
                stats.body(), 1, ((Number) ((Map<?, ?>) nodeStats.get("user_vector_cache")).get("hits")).intValue());
        assertTrue(stats.body(), ((Number) nodeStats.get("rescored_hits")).intValue() > 0);
        assertEquals(stats.body(), "cpu", nodeStats.get("device"));
        assertTrue(stats.body(), stats.body().contains("\"model_id\":\"shop\""));

        String firstUpload = (String) described.get("upload_id");
        assertEquals(0, upload("shop").code);
        Map<String, Object> replaced = http.get("/_plugins/_seqrec/models/shop").json();
        assertEquals(2, ((Number) replaced.get("generation")).intValue());
        assertEquals(firstUpload, replaced.get("previous_upload_id"));

        NodeResponse deleted = http.delete("/_plugins/_seqrec/models/shop");
        assertEquals(deleted.toString(), 200, deleted.status());
        assertEquals(404, http.get("/_plugins/_seqrec/models/shop").status());
        assertEquals(404, http.post("/items/_search", """
                {"query": {"match_all": {}}, "rescore": {"seqrec": {"model_id": "shop", "item_field": "item_id", "history": ["n1"]}}}""").status());
        assertEquals(404, http.delete("/_plugins/_seqrec/models/shop").status());
    }

    @Test
    public void badUploadsAreRefusedAndStoreNothing() throws Exception {
        byte[] bytes = Files.readAllBytes(artifactFile);
        byte[] corrupt = bytes.clone();
        corrupt[corrupt.length / 2] ^= 0x5A;
        NodeResponse refused = putJson("broken", corrupt);
        assertEquals(refused.toString(), 400, refused.status());
        assertTrue(refused.body(), refused.body().contains("invalid seqrec artifact"));
        assertEquals(
                400, putJson("broken", Arrays.copyOf(bytes, bytes.length / 3)).status());
        assertEquals(413, putJson("broken", new byte[600 * 1024]).status());
        assertEquals(
                400,
                http.put("/_plugins/_seqrec/models/broken", "{\"artifact\": 42}")
                        .status());
        assertEquals(404, http.get("/_plugins/_seqrec/models/broken").status());

        Run badId = upload("Not/Valid");
        assertEquals(2, badId.code);
        Run tooLargeForNode = uploadFile("big", writeLargeArtifact());
        assertEquals(tooLargeForNode.err, 1, tooLargeForNode.code);
        assertTrue(tooLargeForNode.err, tooLargeForNode.err.contains("413"));
        assertEquals(404, http.get("/_plugins/_seqrec/models/big").status());
    }

    /** A valid artifact above the node's 512kb limit: the planted model with a larger vocabulary does not exist, so pad with a bigger D. */
    private static Path writeLargeArtifact() throws Exception {
        Path file = ItEnvironment.freshWorkDir("lifecycle-large").resolve("big.seqrec");
        PlantedModel.trainWide(7, 512).artifact().write(file);
        assertTrue(Files.size(file) > 512 * 1024);
        return file;
    }

    private static NodeResponse putJson(String modelId, byte[] artifact) {
        String body = "{\"artifact\": \"" + Base64.getEncoder().encodeToString(artifact) + "\"}";
        return http.put("/_plugins/_seqrec/models/" + modelId, body);
    }

    private static String firstId(NodeResponse search) {
        Map<?, ?> hits = (Map<?, ?>) search.json().get("hits");
        return (String) ((Map<?, ?>) ((List<?>) hits.get("hits")).get(0)).get("_id");
    }

    private record Run(int code, String out, String err) {}

    private static Run upload(String modelId) {
        return uploadFile(modelId, artifactFile);
    }

    /** Runs the real {@code seqrec-trainer upload} command line against the node. */
    private static Run uploadFile(String modelId, Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SeqRecTrainer.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(
                "upload", file.toString(), "--cluster", http.base().toString(), "--model-id", modelId, "--no-progress");
        return new Run(
                code,
                out.toString(),
                new String(err.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
