package org.seqrec.trainer.train.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Npy;

/**
 * Reads and writes the checkpoint of a run: one zip file {@value #FILE_NAME} in the checkpoint
 * folder, replaced atomically after every epoch (a crash mid-write leaves the previous one). Entries:
 * {@code state.json} ({@link Checkpoint.State}), then {@code parameters/<name>.npy},
 * {@code moments/<mean|variance>.<name>.npy} and {@code best/<name>.npy}, float32 .npy files.
 */
public final class CheckpointStore {
    public static final String FILE_NAME = "checkpoint.zip";
    /** Options that may change between a run and its resumption; every other one must match. */
    static final Set<String> MAY_DIFFER = Set.of("epochs", "patience", "threads", "device", "checkpoint_dir", "resume");

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .setPrettyPrinting()
            .create();
    private static final String STATE = "state.json";
    private static final Map<String, String> GROUPS =
            Map.of("parameters/", "parameters", "moments/", "moments", "best/", "best");

    private final Path file;

    /** @param dir the checkpoint folder (created on the first write if missing) */
    public CheckpointStore(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    /** The checkpoint file, existing or not. */
    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Writes {@code c}, replacing any previous checkpoint. */
    public void write(Checkpoint c) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(raw)) {
                zip.putNextEntry(new ZipEntry(STATE));
                zip.write(GSON.toJson(c.state()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                writeTensors(zip, "parameters/", c.parameters());
                writeTensors(zip, "moments/", c.moments());
                writeTensors(zip, "best/", c.bestParameters());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the checkpoint; IllegalArgumentException if it is missing, damaged or of another format. */
    public Checkpoint read() {
        if (!exists()) {
            throw new IllegalArgumentException("--resume: no checkpoint at " + file);
        }
        Checkpoint.State state = null;
        Map<String, Map<String, FloatTensor>> groups = new LinkedHashMap<>();
        GROUPS.values().forEach(g -> groups.put(g, new LinkedHashMap<>()));
        try (InputStream raw = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                if (e.getName().equals(STATE)) {
                    state = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), Checkpoint.State.class);
                    continue;
                }
                for (Map.Entry<String, String> g : GROUPS.entrySet()) {
                    if (e.getName().startsWith(g.getKey()) && e.getName().endsWith(".npy")) {
                        String name = e.getName()
                                .substring(g.getKey().length(), e.getName().length() - 4);
                        groups.get(g.getValue()).put(name, Npy.decode(e.getName(), bytes));
                    }
                }
            }
        } catch (IOException | ArtifactException | RuntimeException e) {
            throw new IllegalArgumentException("--resume: cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (state == null || state.format() != Checkpoint.FORMAT) {
            throw new IllegalArgumentException(
                    "--resume: " + file + " is not a checkpoint of format " + Checkpoint.FORMAT);
        }
        return new Checkpoint(state, groups.get("parameters"), groups.get("moments"), groups.get("best"));
    }

    /**
     * The configuration as compared on resumption: every option as text, in a fixed order.
     *
     * @param config the run's configuration by key ({@code TrainingConfig.asMap()})
     */
    public static Map<String, String> comparable(Map<String, Object> config) {
        Map<String, String> out = new TreeMap<>();
        config.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /**
     * Refuses to resume a checkpoint made with other options (except {@link #MAY_DIFFER}) or data.
     *
     * @throws IllegalArgumentException listing every option that differs, or saying the data differ
     */
    public static void checkResumable(
            Checkpoint.State saved, Map<String, Object> config, String fingerprint, Path file) {
        Map<String, String> now = comparable(config);
        StringBuilder diff = new StringBuilder();
        for (String key : now.keySet()) {
            String before = saved.config().get(key);
            if (!MAY_DIFFER.contains(key) && !now.get(key).equals(before)) {
                diff.append(diff.isEmpty() ? "" : ", ")
                        .append(key)
                        .append(" ")
                        .append(before)
                        .append(" (checkpoint) vs ")
                        .append(now.get(key))
                        .append(" (now)");
            }
        }
        if (!diff.isEmpty()) {
            throw new IllegalArgumentException(
                    "--resume: the checkpoint " + file + " was made with a different configuration: " + diff
                            + "; resume with the same options (only --epochs, --patience, --threads and --device may change)");
        }
        if (!fingerprint.equals(saved.data())) {
            throw new IllegalArgumentException("--resume: the checkpoint " + file
                    + " was trained on different data (training sequences or item count differ)");
        }
    }

    /** A 64-bit FNV-1a hash of n and every training sequence, in order, as 16 hex digits. */
    public static String fingerprint(List<int[]> sequences, int numItems) {
        long h = 0xcbf29ce484222325L;
        h = (h ^ numItems) * 0x100000001b3L;
        for (int[] s : sequences) {
            h = (h ^ s.length) * 0x100000001b3L;
            for (int item : s) {
                h = (h ^ item) * 0x100000001b3L;
            }
        }
        return String.format(Locale.ROOT, "%016x", h);
    }

    private static void writeTensors(ZipOutputStream zip, String folder, Map<String, FloatTensor> tensors)
            throws IOException {
        for (Map.Entry<String, FloatTensor> t : tensors.entrySet()) {
            zip.putNextEntry(new ZipEntry(folder + t.getKey() + ".npy"));
            Npy.write(t.getValue(), zip);
            zip.closeEntry();
        }
    }
}
