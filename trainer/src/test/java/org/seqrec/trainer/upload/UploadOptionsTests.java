package org.seqrec.trainer.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadOptionsTests {
    @Test
    void clusterUrls() {
        assertEquals(URI.create("http://localhost:9200"), UploadOptions.parseCluster("http://localhost:9200"));
        assertEquals(URI.create("http://localhost:9200"), UploadOptions.parseCluster("http://localhost:9200//"));
        assertEquals(
                URI.create("https://search.example.com/os"),
                UploadOptions.parseCluster("https://search.example.com/os/"));
        assertEquals(URI.create("HTTPS://h:1"), UploadOptions.parseCluster("HTTPS://h:1"));
        for (String bad : new String[] {"localhost:9200", "ftp://h", "http://", "http:///x", "h t t p://x", "", "/x"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> UploadOptions.parseCluster(bad));
            assertTrue(e.getMessage().startsWith("--cluster must be an http:// or https:// URL"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UploadOptions.parseCluster("http://a:b@h:9200"))
                .getMessage()
                .contains("--user"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> UploadOptions.parseCluster("http://h:9200/?pretty"))
                        .getMessage()
                        .contains("query"));
    }

    @Test
    void modelIdsFollowThePluginRule() {
        for (String ok : new String[] {"shop", "a", "shop-sasrec_v2.1", "0", "a".repeat(100)}) {
            assertEquals(ok, UploadOptions.checkModelId(ok));
        }
        for (String bad : new String[] {"", "Shop", "-a", "_a", ".a", "a/b", "../x", "a b", "a".repeat(101), "é"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> UploadOptions.checkModelId(bad));
            assertTrue(e.getMessage().startsWith("--model-id must match [a-z0-9][a-z0-9_.-]{0,99}"), e.getMessage());
        }
    }

    @Test
    void timeouts() {
        assertEquals(Duration.ofSeconds(300), UploadOptions.parseTimeout("300s"));
        assertEquals(Duration.ofSeconds(45), UploadOptions.parseTimeout("45"));
        assertEquals(Duration.ofMinutes(10), UploadOptions.parseTimeout("10m"));
        assertEquals(Duration.ofHours(24), UploadOptions.parseTimeout("24h"));
        for (String bad : new String[] {"0s", "25h", "2d", "-5s", "5 s", "abc", "1.5s", "99999999999s"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> UploadOptions.parseTimeout(bad));
            assertTrue(e.getMessage().startsWith("--timeout must be"), e.getMessage());
            assertTrue(e.getMessage().contains("1s..24h"), e.getMessage());
        }
    }

    @Test
    void credentials() {
        BasicCredentials c = BasicCredentials.parse("admin:pa:ss");
        assertEquals("admin", c.user());
        assertEquals("pa:ss", c.password());
        assertEquals("Basic YWRtaW46cGE6c3M=", c.authorizationHeader());
        assertFalse(c.toString().contains("pa:ss"), c.toString());
        assertEquals("", BasicCredentials.parse("u:").password());
        for (String bad : new String[] {"admin", ":secret", ""}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BasicCredentials.parse(bad));
            assertTrue(
                    e.getMessage().startsWith("--user (or SEQREC_CLUSTER_USER) must be NAME:PASSWORD"), e.getMessage());
        }
    }
}
