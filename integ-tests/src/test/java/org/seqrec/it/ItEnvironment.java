package org.seqrec.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.StaleNodes;

/**
 * Paths the integ-tests build hands to tests as system properties (see integ-tests/pom.xml),
 * and a node builder preset with them.
 */
public final class ItEnvironment {

    private ItEnvironment() {}

    /** The node-home template: {@code target/opensearch-node}. */
    public static Path nodeHomeTemplate() {
        return requiredDir("seqrec.it.node.home");
    }

    /** The unpacked plugin zip: {@code target/seqrec-plugin}. */
    public static Path pluginDir() {
        return requiredDir("seqrec.it.plugin.dir");
    }

    /** The OpenSearch version the node home was built from. */
    public static String openSearchVersion() {
        return required("seqrec.it.opensearch.version");
    }

    /** This build's version ({@code project.version}). */
    public static String projectVersion() {
        return required("seqrec.it.project.version");
    }

    /** The PyTorch version the build's DJL engine loads ({@code pytorch.version}). */
    public static String pytorchVersion() {
        return required("seqrec.it.pytorch.version");
    }

    /** The repository's root folder (the reactor's). */
    public static Path repoRoot() {
        return requiredDir("seqrec.it.repo.root");
    }

    /**
     * An empty work dir {@code target/it-work/<name>}, deleting what an earlier run left there
     * (after stopping its node, should a killed run have left one running).
     */
    public static Path freshWorkDir(String name) {
        Path dir = Path.of(required("seqrec.it.work.dir")).resolve(name);
        try {
            if (Files.exists(dir)) {
                StaleNodes.stop(dir);
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty work dir " + dir, e);
        }
    }

    /** A builder for a node with this build's home template and a fresh work dir. */
    public static LocalOpenSearchNode.Builder node(String workDirName) {
        return LocalOpenSearchNode.builder().setHomeTemplate(nodeHomeTemplate()).setWorkDir(freshWorkDir(workDirName));
    }

    private static Path requiredDir(String property) {
        Path dir = Path.of(required(property));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    property + " points at " + dir + ", which does not exist; build with `mvn verify`"
                            + " (or scripts/test) so that the integ-tests module lays it out first");
        }
        return dir;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven"
                    + " (integ-tests/pom.xml sets it)");
        }
        return value;
    }
}
