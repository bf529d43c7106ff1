package org.seqrec.it.node;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Leftover-node cleanup, on real processes whose command lines do or do not look like a node. */
public class StaleNodesTests {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void stopsTheRecordedNodeOfThisWorkDir() throws Exception {
        Path work = temp.newFolder("work").toPath();
        Process fake = sleeper(
                "org.opensearch.bootstrap.OpenSearch", work.resolve("home").toString());
        try {
            StaleNodes.record(work, fake.toHandle());
            assertTrue(StaleNodes.stop(work));
            assertTrue(fake.waitFor(10, TimeUnit.SECONDS));
        } finally {
            fake.destroyForcibly();
        }
    }

    @Test
    public void leavesOtherProcessesAlone() throws Exception {
        Path work = temp.newFolder("work").toPath();
        Process other = sleeper("org.opensearch.bootstrap.OpenSearch", "/some/other/home");
        try {
            StaleNodes.record(work, other.toHandle());
            assertFalse(StaleNodes.stop(work));
            assertTrue(other.isAlive());
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    public void noPidFileMeansNothingToStop() throws Exception {
        Path work = temp.newFolder("work").toPath();
        assertFalse(StaleNodes.stop(work));
        Files.writeString(work.resolve(StaleNodes.PID_FILE), "not a pid");
        assertFalse(StaleNodes.stop(work));
    }

    /**
     * A process that waits (bash's builtin read on the never-written stdin pipe, so no child
     * process is left behind), with the given words on its command line.
     */
    private static Process sleeper(String... words) throws Exception {
        String[] command = new String[3 + words.length];
        command[0] = "bash";
        command[1] = "-c";
        command[2] = "read -r -t 60 line; exit 0";
        System.arraycopy(words, 0, command, 3, words.length);
        return new ProcessBuilder(command).start();
    }
}
