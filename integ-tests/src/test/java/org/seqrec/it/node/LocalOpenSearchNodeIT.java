package org.seqrec.it.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.seqrec.it.ItEnvironment;

/** The launcher itself, on a node without plugins: start, talk to it, stop, fail clearly. */
public class LocalOpenSearchNodeIT {

    @Test
    public void startsAnswersAndStops() throws Exception {
        LocalOpenSearchNode node = ItEnvironment.node("launcher-bare").start();
        try {
            NodeHttpClient http = node.http();
            Map<String, Object> root = http.get("/").json();
            Map<?, ?> version = (Map<?, ?>) root.get("version");
            assertEquals(ItEnvironment.openSearchVersion(), version.get("number"));

            List<Object> plugins = http.get("/_cat/plugins?format=json").jsonList();
            assertTrue("no plugin was installed, got " + plugins, plugins.isEmpty());

            String mapping = """
                    {"mappings": {"properties": {"id": {"type": "keyword"}}}}
                    """;
            assertEquals(200, http.put("/docs", mapping).status());
            assertEquals(
                    201, http.put("/docs/_doc/1?refresh=true", "{\"id\":\"a\"}").status());
            NodeResponse search = http.post("/docs/_search", "{\"query\":{\"term\":{\"id\":\"a\"}}}");
            assertEquals(search.toString(), 200, search.status());
            Map<?, ?> total = (Map<?, ?>) ((Map<?, ?>) search.json().get("hits")).get("total");
            assertEquals(1, total.get("value"));

            assertTrue(Files.size(node.home().logFile()) > 0);
            assertTrue(Files.isDirectory(node.home().modelsDir()));
        } finally {
            node.close();
        }
        assertFalse(node.isRunning());
        assertFalse(
                "nothing left to clean up", StaleNodes.stop(node.home().home().getParent()));
        node.close(); // idempotent
        try (NodeHttpClient after = new NodeHttpClient(node.httpUri())) {
            assertThrows(UncheckedIOException.class, () -> after.get("/"));
        }
    }

    @Test
    public void failedStartReportsTheNodeLog() {
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> ItEnvironment.node("launcher-bad-setting")
                        .optSetting("seqrec.no.such.setting", "1")
                        .start());
        assertTrue(failure.getMessage(), failure.getMessage().contains("exited during startup"));
        // The tail of the node's own log explains why.
        assertTrue(failure.getMessage(), failure.getMessage().contains("seqrec.no.such.setting"));
    }
}
