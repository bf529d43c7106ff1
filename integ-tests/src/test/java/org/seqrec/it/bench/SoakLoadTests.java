package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * The soak's clients: which kind request n is (the kinds alternate, each input meets every kind over
 * the cycles), and that every failed request is counted and the count bound stops them.
 */
public class SoakLoadTests {

    @Test
    public void everyRefusedRequestIsAFailureAndTheCountBoundStopsTheClients() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed below: nobody listens there
        }
        List<RequestInput> inputs = List.of(
                new RequestInput("w-1-50", List.of("1", "2"), "cream gentle", "rose"),
                new RequestInput("w-2-50", List.of("3"), "serum daily", "mint"));
        try (HttpClient client = LoadPhase.newClient()) {
            SoakLoad load =
                    new SoakLoad(client, URI.create("http://127.0.0.1:" + port), "m", ServingSoak.KINDS, inputs);
            SoakLoad.Result r = load.run(3, System.nanoTime(), Duration.ofMinutes(5), 40);
            assertTrue("stopped by the 40 requests, not the 5 minutes", r.stoppedByCount());
            assertEquals(40, r.totalAttempted());
            assertEquals(40, r.totalFailed());
            assertEquals(40, load.failed());
            assertEquals(0, load.succeeded());
            assertEquals(20, r.attempted()[0]);
            assertEquals(20, r.failed()[1]);
            assertEquals(SoakLoad.KEPT_FAILURES, r.firstFailures().size());
            SoakLoad.Failure first = r.firstFailures().getFirst();
            assertTrue(
                    first.what(), first.what().startsWith("POST /bench-catalogue/_search: java.net.ConnectException"));
        }
    }

    @Test
    public void kindsAlternateAndEveryInputMeetsEveryKind() {
        List<Integer> kinds = new ArrayList<>();
        for (long n = 0; n < 12; n++) {
            kinds.add(SoakLoad.kindIndex(n, 2, 4));
        }
        // inputs 0..3, 0..3, 0..3: the cycle shifts the alternation by one
        assertEquals(List.of(0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1), kinds);
        long[] perKind = new long[2];
        for (long n = 0; n < 3976L * 10; n++) {
            perKind[SoakLoad.kindIndex(n, 2, 3976)]++;
        }
        assertEquals("half each", perKind[0], perKind[1]);
        assertEquals(1, SoakLoad.kindIndex(3976L * 1_000_001, 2, 3976));
    }
}
