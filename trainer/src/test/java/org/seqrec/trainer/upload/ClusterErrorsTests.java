package org.seqrec.trainer.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterErrorsTests {
    @Test
    void openSearchErrorBodies() {
        assertEquals(
                "HTTP 413 Payload Too Large: illegal_argument_exception: artifact of 9 bytes exceeds 8 (the file"
                        + " exceeds a limit of the cluster, e.g. http.max_content_length, 100mb by default)",
                ClusterErrors.describe(413, """
                        {"error":{"root_cause":[],"type":"illegal_argument_exception",
                         "reason":"artifact of 9 bytes exceeds 8"},"status":413}"""));
        assertEquals(
                "HTTP 403 Forbidden: security_exception: no permissions for [cluster:admin/seqrec/model/put]"
                        + " (the user may upload models only with the seqrec model permissions)",
                ClusterErrors.describe(
                        403,
                        "{\"error\":{\"type\":\"security_exception\",\"reason\":"
                                + "\"no permissions for [cluster:admin/seqrec/model/put]\"},\"status\":403}"));
        // reason only in root_cause
        assertEquals(
                "x_exception: deep",
                ClusterErrors.reason("{\"error\":{\"root_cause\":[{\"reason\":\"deep\"}],\"type\":\"x_exception\"}}"));
    }

    @Test
    void unknownRouteSuggestsThePluginIsMissing() {
        String body = "{\"error\":\"no handler found for uri [/_plugins/_seqrec/models/m] and method [PUT]\"}";
        assertEquals(
                "HTTP 400 Bad Request: no handler found for uri [/_plugins/_seqrec/models/m] and method [PUT]"
                        + " (is the seqrec plugin installed on the cluster?)",
                ClusterErrors.describe(400, body));
        assertTrue(ClusterErrors.describe(405, "")
                .endsWith("(empty body) (is the seqrec plugin installed on the cluster?)"));
        assertTrue(ClusterErrors.describe(401, "{\"message\":\"Unauthorized\"}")
                .equals("HTTP 401 Unauthorized: Unauthorized (check --user or SEQREC_CLUSTER_USER)"));
    }

    @Test
    void otherBodiesShowTheirStartOnOneLine() {
        String html = "<html>\n<body>\n  <h1>502 Bad Gateway</h1>" + "x".repeat(1000) + "</body></html>";
        String d = ClusterErrors.describe(502, html);
        assertTrue(d.startsWith("HTTP 502 Bad Gateway: <html> <body> <h1>502 Bad Gateway</h1>xxx"), d);
        assertTrue(d.endsWith("x..."), d);
        assertTrue(d.length() < 540, d.length() + "");
        assertEquals(1, d.lines().count());
        assertEquals("HTTP 599: [1,2]", ClusterErrors.describe(599, "[1,2]"));
    }
}
