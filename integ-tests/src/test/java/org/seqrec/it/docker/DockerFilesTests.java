package org.seqrec.it.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.Test;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.it.ItEnvironment;

/**
 * What can be checked of {@code docker/} without a Docker engine (none runs on this project's
 * machines): the Dockerfiles and compose files name this build's OpenSearch version, plugin and
 * trainer versions, and PyTorch version; the plugin the build made says the same; both compose
 * files parse; and docker/README.md uses only the services, volumes and ports that compose.yaml
 * declares, and says that the images were not built here.
 */
public class DockerFilesTests {
    private static final String OPENSEARCH = ItEnvironment.openSearchVersion();
    private static final String VERSION = ItEnvironment.projectVersion();
    private static final Path DOCKER = ItEnvironment.repoRoot().resolve("docker");
    private static final String NODE_IMAGE = "seqrec/opensearch:" + OPENSEARCH + "-" + VERSION;
    private static final List<String> NODES = List.of("opensearch-node1", "opensearch-node2");

    @Test
    public void theOpenSearchImageIsTheBuildsVersionWithTheBuildsPlugin() throws IOException {
        List<String> lines = lines("opensearch.Dockerfile");
        assertEquals(OPENSEARCH, arg(lines, "OPENSEARCH_VERSION"));
        assertEquals(VERSION, arg(lines, "SEQREC_VERSION"));
        assertEquals(
                "opensearchproject/opensearch:${OPENSEARCH_VERSION} AS cpu",
                instructions(lines, "FROM").get(0));
        assertTrue(instructions(lines, "COPY")
                .get(0)
                .endsWith("plugin/target/seqrec-plugin-${SEQREC_VERSION}.zip /tmp/seqrec-plugin.zip"));
        assertTrue(
                String.join("\n", lines),
                instructions(lines, "RUN").stream()
                        .anyMatch(run ->
                                run.contains("opensearch-plugin install --batch file:///tmp/seqrec-plugin.zip")));
        assertTrue(instructions(lines, "FROM").contains("cpu AS gpu"));
        assertTrue(lines("opensearch.Dockerfile.dockerignore").contains("!plugin/target/seqrec-plugin-*.zip"));

        // the zip the build made, as the integ-tests unpack it
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(ItEnvironment.pluginDir().resolve("plugin-descriptor.properties"))) {
            descriptor.load(in);
        }
        assertEquals("seqrec", descriptor.getProperty("name"));
        assertEquals(VERSION, descriptor.getProperty("version"));
        assertEquals(OPENSEARCH, descriptor.getProperty("opensearch.version"));
        assertTrue(Files.isRegularFile(ItEnvironment.pluginDir().resolve("seqrec-plugin-" + VERSION + ".jar")));
    }

    @Test
    public void theTrainerImageRunsTheBuildsTrainer() throws Exception {
        List<String> lines = lines("trainer.Dockerfile");
        assertEquals(VERSION, arg(lines, "SEQREC_VERSION"));
        assertEquals(List.of("eclipse-temurin:21-jre"), instructions(lines, "FROM"));
        List<String> copies = instructions(lines, "COPY");
        assertTrue(copies.toString(), copies.contains("trainer/target/lib/ /opt/seqrec-trainer/lib/"));
        assertTrue(
                copies.toString(),
                copies.contains(
                        "trainer/target/seqrec-trainer-${SEQREC_VERSION}.jar /opt/seqrec-trainer/seqrec-trainer.jar"));
        assertEquals(List.of("[\"seqrec-trainer\"]"), instructions(lines, "ENTRYPOINT"));
        assertEquals(List.of("[\"/work\"]"), instructions(lines, "VOLUME"));
        Set<String> ignore = new LinkedHashSet<>(lines("trainer.Dockerfile.dockerignore"));
        assertTrue(ignore.containsAll(List.of(
                "!trainer/target/seqrec-trainer-*.jar", "!trainer/target/lib", "!docker/trainer/seqrec-trainer")));

        String launcher = Files.readString(DOCKER.resolve("trainer/seqrec-trainer"), StandardCharsets.UTF_8);
        assertTrue(Files.isExecutable(DOCKER.resolve("trainer/seqrec-trainer")));
        Matcher main = Pattern.compile("(org\\.seqrec\\.[\\w.]+)").matcher(launcher);
        assertTrue(launcher, main.find());
        assertNotNull(Class.forName(main.group(1)).getMethod("main", String[].class));
        assertTrue(launcher.contains("/opt/seqrec-trainer/seqrec-trainer.jar:/opt/seqrec-trainer/lib/*"));
    }

    @Test
    public void theComposeFileRunsTwoNodesOfTheBuildsImageDashboardsAndTheTrainer() throws IOException {
        Map<String, Object> compose = yaml("compose.yaml");
        Map<String, Object> services = map(compose, "services");
        assertEquals(
                Set.of("opensearch-node1", "opensearch-node2", "opensearch-dashboards", "trainer"), services.keySet());
        for (String node : NODES) {
            Map<String, Object> service = map(services, node);
            assertEquals(node, NODE_IMAGE, service.get("image"));
            Map<String, Object> env = map(service, "environment");
            assertEquals(node, env.get("node.name"));
            assertEquals("opensearch-node1,opensearch-node2", env.get("discovery.seed_hosts"));
            assertEquals("cpu", env.get("plugins.seqrec.device"));
        }
        Map<String, Object> build = map(map(services, "opensearch-node1"), "build");
        assertBuild(build, "docker/opensearch.Dockerfile");
        assertEquals(Map.of("OPENSEARCH_VERSION", OPENSEARCH, "SEQREC_VERSION", VERSION), map(build, "args"));
        assertEquals("never", map(services, "opensearch-node2").get("pull_policy"));
        assertEquals(
                "opensearchproject/opensearch-dashboards:" + OPENSEARCH,
                map(services, "opensearch-dashboards").get("image"));

        Map<String, Object> trainer = map(services, "trainer");
        assertEquals("seqrec/trainer:" + VERSION, trainer.get("image"));
        assertBuild(map(trainer, "build"), "docker/trainer.Dockerfile");
        assertEquals(Map.of("SEQREC_VERSION", VERSION), map(map(trainer, "build"), "args"));
        assertEquals(List.of("tools"), trainer.get("profiles"));

        // every named volume a service mounts is declared, and every declared one is mounted
        Set<String> mounted = new TreeSet<>();
        for (Object service : services.values()) {
            for (Object volume : list(asMap(service).getOrDefault("volumes", List.of()))) {
                mounted.add(volume.toString().split(":")[0]);
            }
        }
        assertEquals(new TreeSet<>(map(compose, "volumes").keySet()), mounted);
        assertEquals("/usr/share/opensearch/data", mountPoint(map(services, "opensearch-node1"), "opensearch-data1"));
        assertEquals("/work", mountPoint(trainer, "trainer-work"));
    }

    @Test
    public void theGpuVariantNamesTheBuildsPyTorchAndAJniFlavourThePluginShips() throws IOException {
        Map<String, Object> gpu = map(yaml("compose.gpu.yaml"), "services");
        assertEquals(new TreeSet<>(NODES), new TreeSet<>(gpu.keySet()));
        assertEquals("gpu", map(map(gpu, "opensearch-node1"), "build").get("target"));
        for (String node : NODES) {
            Map<String, Object> service = map(gpu, node);
            assertEquals(NODE_IMAGE + "-gpu", service.get("image"));
            Map<String, Object> env = map(service, "environment");
            assertEquals("gpu", env.get("plugins.seqrec.device"));
            String opts = env.get("OPENSEARCH_JAVA_OPTS").toString();
            assertTrue(opts, opts.contains("-DPYTORCH_VERSION=" + ItEnvironment.pytorchVersion()));
            assertTrue(opts, opts.contains("-DPYTORCH_LIBRARY_PATH=/opt/libtorch/lib"));
            Matcher flavour = Pattern.compile("-DPYTORCH_FLAVOR=(\\w+)").matcher(opts);
            assertTrue(opts, flavour.find());
            assertTrue(
                    "DJL's JNI library exists for flavour " + flavour.group(1),
                    jniFlavours().contains(flavour.group(1)));
            assertTrue(service.toString(), service.toString().contains("driver=nvidia"));
        }
        assertTrue(instructions(lines("opensearch.Dockerfile"), "COPY")
                .contains("--chown=1000:1000 docker/libtorch-cu128/libtorch/ /opt/libtorch/"));
    }

    @Test
    public void theReadmeUsesWhatComposeDeclaresAndSaysTheImagesWereNotBuiltHere() throws IOException {
        String readme = Files.readString(DOCKER.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("**Not built here.**"));
        assertTrue(readme.contains("these images were not built and these compose files were not run"));
        Map<String, Object> compose = yaml("compose.yaml");
        Map<String, Object> services = map(compose, "services");

        Set<String> published = new TreeSet<>();
        for (Object service : services.values()) {
            for (Object port : list(asMap(service).getOrDefault("ports", List.of()))) {
                published.add(port.toString().split(":")[0]);
            }
        }
        Set<String> readmePorts = matches(readme, "localhost:(\\d+)");
        readmePorts.addAll(matches(readme, "(?m)^\\| `(\\d+)` \\|"));
        assertFalse(readmePorts.isEmpty());
        assertTrue("README ports " + readmePorts + ", published " + published, published.containsAll(readmePorts));
        assertEquals(published, matches(readme, "(?m)^\\| `(\\d+)` \\|"));

        Set<String> readmeVolumes = matches(readme, "(?m)^\\| `([a-z0-9-]+)`(?:, `[a-z0-9-]+`)* \\| `/");
        readmeVolumes.addAll(matches(readme, "(?m)^\\| `[a-z0-9-]+`, `([a-z0-9-]+)` \\| `/"));
        assertEquals(new TreeSet<>(map(compose, "volumes").keySet()), readmeVolumes);

        Set<String> used = matches(
                readme, "docker compose -f docker/compose\\.yaml run --rm (?:-T )?(?:--entrypoint \\w+ )?([a-z0-9-]+)");
        used.addAll(matches(readme, "--cluster http://([a-z0-9-]+):9200"));
        used.addAll(matches(readme, "(?m)^\\| `\\d+` \\| `([a-z0-9-]+)` \\|"));
        assertFalse(used.isEmpty());
        assertTrue("README services " + used, services.keySet().containsAll(used));
        for (String service : services.keySet()) {
            assertTrue(service, readme.contains("`" + service + "`"));
        }
    }

    private static void assertBuild(Map<String, Object> build, String dockerfile) {
        assertEquals("..", build.get("context"));
        assertEquals(dockerfile, build.get("dockerfile"));
        assertTrue(
                dockerfile,
                Files.isRegularFile(
                        DOCKER.resolve(build.get("context").toString()).resolve(dockerfile)));
    }

    private static String mountPoint(Map<String, Object> service, String volume) {
        for (Object mount : list(service.get("volumes"))) {
            String[] parts = mount.toString().split(":");
            if (parts[0].equals(volume)) {
                return parts[1];
            }
        }
        throw new AssertionError(volume + " is not mounted by " + service);
    }

    /** The CUDA/CPU flavours of DJL's JNI library in the plugin's pytorch-jni jar. */
    private static Set<String> jniFlavours() throws IOException {
        Path jar;
        try (var files = Files.list(ItEnvironment.pluginDir())) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("pytorch-jni-"))
                    .findFirst()
                    .orElseThrow();
        }
        Set<String> flavours = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("jnilib/linux-x86_64/"))
                    .map(n -> n.split("/"))
                    .filter(parts -> parts.length == 4)
                    .forEach(parts -> flavours.add(parts[2]));
        }
        return flavours;
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(DOCKER.resolve(file), StandardCharsets.UTF_8);
    }

    /** The value of {@code ARG name=value}. */
    private static String arg(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith("ARG " + name + "=")) {
                return line.substring(("ARG " + name + "=").length()).strip();
            }
        }
        throw new AssertionError("no ARG " + name);
    }

    /** The arguments of every {@code keyword} instruction, continuation lines joined. */
    private static List<String> instructions(List<String> lines, String keyword) {
        List<String> found = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (current != null) {
                boolean more = stripped.endsWith("\\");
                current.append(' ')
                        .append(
                                more
                                        ? stripped.substring(0, stripped.length() - 1)
                                                .strip()
                                        : stripped);
                if (more == false) {
                    found.add(current.toString().strip());
                    current = null;
                }
            } else if (stripped.startsWith(keyword + " ")) {
                String rest = stripped.substring(keyword.length() + 1).strip();
                if (rest.endsWith("\\")) {
                    current = new StringBuilder(
                            rest.substring(0, rest.length() - 1).strip());
                } else {
                    found.add(rest);
                }
            }
        }
        return found;
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        String text = Files.readString(DOCKER.resolve(file), StandardCharsets.UTF_8);
        try (XContentParser parser = XContentType.YAML
                .xContent()
                .createParser(NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, text)) {
            return parser.map();
        }
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertTrue(key + " in " + parent.keySet(), parent.containsKey(key));
        return asMap(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        assertTrue(String.valueOf(value), value instanceof Map);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        assertTrue(String.valueOf(value), value instanceof List);
        return (List<?>) value;
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
