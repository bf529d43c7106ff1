package org.seqrec.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.synthetic.DailyDriftData;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;

/**
 * Event times on a real node: a time-aware SASRec ({@code time_features gap_hour}) and a time-blind
 * one, trained here on the same daily-drift log, serve the same history with different event times
 * or a different {@code at}, through {@code history} and through {@code user_id} + {@code events}:
 * the time-aware model reranks, the time-blind one gives identical hits and scores.
 */
public class RealNodeTimeIT {
    private static final String TIMED = "daily-timed";
    private static final String BLIND = "daily-blind";
    private static final List<String> HISTORY = List.of("workout-01", "workout-03", "tech-02");
    /** The history's events: 2026-11-30 morning then noon. */
    private static final List<String> TIMES =
            List.of("2026-11-30T08:00:00Z", "2026-11-30T08:05:00Z", "2026-11-30T13:00:00Z");

    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;

    @BeforeClass
    public static void startNodeWithModels() throws Exception {
        InteractionData log = DailyDriftData.generate(new DailyDriftData.Settings(400, 8, 2, 12, 20, 2, 10, 3))
                .log()
                .toInteractionData("daily");
        LeaveOneOut split = LeaveOneOut.of(log);
        TrainingConfig.Builder cfg = TrainingConfig.builder()
                .epochs(20)
                .batchSize(64)
                .dim(16)
                .maxLen(20)
                .blocks(1)
                .heads(1)
                .dropout(0.1f)
                .learningRate(0.01f)
                .seed(7)
                .device(DevicePreference.CPU)
                .threads(1);
        ModelArtifact blind =
                Training.train(log, split, cfg.build(), TrainingListener.NONE).artifact();
        ModelArtifact timed = Training.train(
                        log, split, cfg.timeFeatures("gap_hour").build(), TrainingListener.NONE)
                .artifact();
        node = ItEnvironment.node("real-node-time")
                .optPlugin(ItEnvironment.pluginDir())
                .start();
        install(node.home().config(), TIMED, timed);
        install(node.home().config(), BLIND, blind);
        http = node.http();
        PlantedModel.indexItems(http, timed.vocabulary().ids(), id -> "daily item " + id);
        indexEvents();
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static void install(Path config, String id, ModelArtifact artifact) throws Exception {
        Path file = config.resolve("seqrec").resolve("models").resolve(id + ".seqrec");
        Files.createDirectories(file.getParent());
        artifact.write(file);
    }

    /** User {@code u-1}'s events: {@link #HISTORY} at {@link #TIMES}, indexed newest first. */
    private static void indexEvents() {
        assertEquals(200, http.put("/events", """
                {"mappings": {"properties": {"user_id": {"type": "keyword"}, "item_id": {"type": "keyword"},
                                             "timestamp": {"type": "date"}}}}""").status());
        StringBuilder bulk = new StringBuilder();
        for (int i = HISTORY.size() - 1; i >= 0; i--) {
            bulk.append("{\"index\": {}}\n").append(String.format(Locale.ROOT, """
                    {"user_id": "u-1", "item_id": "%s", "timestamp": "%s"}
                    """, HISTORY.get(i), TIMES.get(i)));
        }
        NodeResponse indexed = http.post("/events/_bulk?refresh=true", bulk.toString());
        assertEquals(indexed.toString(), false, indexed.json().get("errors"));
    }

    @Test
    public void theSameHistoryAtOtherTimesRerankesWithTheTimeAwareModelOnly() {
        // the user comes back at night, the same day; or the next evening
        String night = historyWithTimes("2026-11-30T23:30:00Z");
        String evening = historyWithTimes("2026-12-01T19:00:00Z");
        assertNotEquals(
                "a time-aware model reads the time of now",
                scored(rescore(TIMED, night)),
                scored(rescore(TIMED, evening)));
        assertEquals(
                "a time-blind model ignores the times", scored(rescore(BLIND, night)), scored(rescore(BLIND, evening)));
        assertEquals(
                "and gives what it gives without them",
                scored(rescore(BLIND, night)),
                scored(rescore(BLIND, "\"history\": " + json(HISTORY))));

        // the same items with other event times (history_times), "now" the same
        String morningTimes = "\"history\": " + json(HISTORY) + ", \"history_times\": " + json(TIMES)
                + ", \"at\": \"2026-12-01T19:00:00Z\"";
        String nightTimes = "\"history\": " + json(HISTORY)
                + ", \"history_times\": [\"2026-11-29T01:00:00Z\", \"2026-11-30T01:00:00Z\", \"2026-12-01T02:00:00Z\"]"
                + ", \"at\": \"2026-12-01T19:00:00Z\"";
        assertNotEquals(scored(rescore(TIMED, morningTimes)), scored(rescore(TIMED, nightTimes)));
        assertEquals(scored(rescore(BLIND, morningTimes)), scored(rescore(BLIND, nightTimes)));
    }

    @Test
    public void theSameUsersEventsAtAnotherNowRerankWithTheTimeAwareModelOnly() {
        String night = "\"user_id\": \"u-1\", \"events\": {\"index\": \"events\"}, \"at\": \"2026-11-30T23:30:00Z\"";
        String evening = "\"user_id\": \"u-1\", \"events\": {\"index\": \"events\"}, \"at\": \"2026-12-01T19:00:00Z\"";
        List<Object> timedNight = scored(rescore(TIMED, night));
        assertNotEquals(timedNight, scored(rescore(TIMED, evening)));
        assertEquals(scored(rescore(BLIND, night)), scored(rescore(BLIND, evening)));
        // the events' times are the times the history gives inline
        assertEquals(timedNight, scored(rescore(TIMED, historyWithTimes("2026-11-30T23:30:00Z"))));

        // _recommend by user: the same at gives the same items, another at other ones
        String byUser = "{\"user_id\": \"u-1\", \"events\": {\"index\": \"events\"}, \"k\": 5, \"at\": \"%s\"}";
        NodeResponse a = http.post(
                "/_plugins/_seqrec/models/" + TIMED + "/_recommend",
                String.format(Locale.ROOT, byUser, "2026-11-30T23:30:00Z"));
        NodeResponse b = http.post(
                "/_plugins/_seqrec/models/" + TIMED + "/_recommend",
                String.format(Locale.ROOT, byUser, "2026-12-01T09:00:00Z"));
        assertEquals(a.toString(), 200, a.status());
        assertEquals(b.toString(), 200, b.status());
        assertNotEquals(a.json().get("items"), b.json().get("items"));
    }

    @Test
    public void aTimeReadingModelWithoutTimesAndTimesInTheFutureAre400s() {
        NodeResponse noTimes =
                http.post("/items/_search", search(rescoreClause(TIMED, "\"history\": " + json(HISTORY))));
        assertEquals(noTimes.toString(), 400, noTimes.status());
        assertTrue(
                noTimes.body(), noTimes.body().contains("reads event times (reads_times), but the history has none"));

        NodeResponse future =
                http.post("/items/_search", search(rescoreClause(BLIND, historyWithTimes("2026-11-30T12:00:00Z"))));
        assertEquals(future.toString(), 400, future.status());
        assertTrue(future.body(), future.body().contains("[history] time of item 2 [tech-02]"));
        assertTrue(future.body(), future.body().contains("is in the future"));

        NodeResponse bad = http.post(
                "/items/_search",
                search(rescoreClause(TIMED, "\"history\": [{\"item\": \"tech-02\", \"time\": \"soon\"}]")));
        assertEquals(bad.toString(), 400, bad.status());
        assertTrue(bad.body(), bad.body().contains("[history][0][time] [soon] is not a time"));

        // the query clause reads times the same way
        NodeResponse query = http.post(
                "/items/_search", String.format(Locale.ROOT, """
                {"size": 5, "query": {"seqrec": {"model_id": "%s", "item_field": "item_id", %s, "k": 5}}}""", TIMED, historyWithTimes("2026-11-30T23:30:00Z")));
        assertEquals(query.toString(), 200, query.status());
        assertFalse(hits(query).isEmpty());
    }

    /** The history with its times inline, scored at {@code at}. */
    private static String historyWithTimes(String at) {
        StringBuilder h = new StringBuilder("\"history\": [");
        for (int i = 0; i < HISTORY.size(); i++) {
            h.append(i == 0 ? "" : ", ")
                    .append(String.format(
                            Locale.ROOT, "{\"item\": \"%s\", \"time\": \"%s\"}", HISTORY.get(i), TIMES.get(i)));
        }
        return h.append("], \"at\": \"").append(at).append('"').toString();
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> '"' + v + '"').toList().toString();
    }

    private static String rescoreClause(String model, String history) {
        return String.format(Locale.ROOT, """
                "rescore": {"window_size": 100, "seqrec": {"model_id": "%s", "item_field": "item_id",
                   "score_mode": "replace", %s}}""", model, history);
    }

    private static String search(String rescore) {
        return "{\"size\": 10, \"query\": {\"match\": {\"title\": \"daily\"}}, " + rescore + "}";
    }

    private static NodeResponse rescore(String model, String history) {
        NodeResponse r = http.post("/items/_search", search(rescoreClause(model, history)));
        assertEquals(r.toString(), 200, r.status());
        return r;
    }

    /** The hits' ids and scores, in order. */
    @SuppressWarnings("unchecked")
    private static List<Object> scored(NodeResponse response) {
        return hits(response).stream()
                .map(h ->
                        (Object) (((Map<String, Object>) h).get("_id") + "=" + ((Map<String, Object>) h).get("_score")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> hits(NodeResponse response) {
        return (List<Object>) ((Map<String, Object>) response.json().get("hits")).get("hits");
    }
}
