package org.seqrec.trainer.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.trainer.train.TrainerVersion;

/**
 * The machine and software a benchmark ran on, so that its times and numbers can be compared.
 *
 * @param cpu the CPU model from {@code /proc/cpuinfo} ("model name"), or the architecture where absent
 * @param cores processors available to the JVM
 * @param os name, version and architecture
 * @param jvm vendor, name and version
 * @param threads the PyTorch CPU threads used ({@code --threads})
 * @param device where training ran: {@code cpu} or {@code gpu(N)}
 * @param djl DJL's version
 * @param pytorch the PyTorch engine's version
 * @param trainer the trainer's version
 * @param date when the benchmark started, ISO-8601 UTC
 */
public record Environment(
        String cpu,
        int cores,
        String os,
        String jvm,
        int threads,
        String device,
        String djl,
        String pytorch,
        String trainer,
        String date) {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /**
     * Reads this machine's environment. Loads the PyTorch engine (call {@link DjlRuntime#configure}
     * first, as training does).
     *
     * @param device the DJL device training uses
     */
    public static Environment detect(int threads, ai.djl.Device device) {
        Engine engine = DjlRuntime.engine();
        return new Environment(
                cpuModel(CPUINFO),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                threads,
                device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu",
                Engine.getDjlVersion(),
                engine.getVersion(),
                TrainerVersion.get(),
                OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
    }

    /** The first "model name" of a cpuinfo file; the JVM's architecture when there is none or it is unreadable. */
    static String cpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no access: fall back below
        }
        return "unknown " + System.getProperty("os.arch") + " CPU";
    }

    /** Field name to value, for results.json. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("os", os);
        m.put("jvm", jvm);
        m.put("threads", threads);
        m.put("device", device);
        m.put("djl", djl);
        m.put("pytorch", pytorch);
        m.put("trainer", trainer);
        m.put("date", date);
        return m;
    }
}
