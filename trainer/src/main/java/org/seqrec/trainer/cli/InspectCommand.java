package org.seqrec.trainer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inspect}: validates an artifact (the same checks the plugin makes) and prints its
 * manifest: model type, hyper-parameters, sizes, items, training data, metrics, checksums, and
 * the stored entries with their sizes and parameter shapes. {@code --json} prints the manifest
 * JSON instead.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Validate a .seqrec artifact and print its manifest, metrics, checksums and sizes.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.seqrec", description = "Artifact to inspect.")
    Path model;

    @Option(names = "--json", description = "Print manifest.json as stored.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        ModelArtifact artifact = ModelArtifact.read(model);
        Manifest m = artifact.manifest();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(m.toJson());
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "file:            %s (%,d bytes, valid)%n", model, Files.size(model));
        out.printf(Locale.ROOT, "format version:  %d%n", m.formatVersion());
        out.printf(Locale.ROOT, "model type:      %s%n", m.modelType());
        out.printf(Locale.ROOT, "created:         %s by %s%n", m.createdAt(), m.trainerVersion());
        out.printf(
                Locale.ROOT,
                "items:           %,d (embedding rows %,d incl. padding)%n",
                m.numItems(),
                artifact.itemEmbeddings().numRows());
        out.printf(Locale.ROOT, "embedding dim:   %d%n", m.embeddingDim());
        out.printf(Locale.ROOT, "max seq length:  %d%n", m.maxSeqLen());
        section(out, "hyper-parameters", m.hyperParameters());
        section(out, "training data", m.trainingData());
        section(out, "metrics", m.metrics());
        section(out, "checksums (sha-256)", m.checksums());
        out.println("entries:");
        for (String line : entries(model)) {
            out.println("  " + line);
        }
        out.println("parameters:");
        long values = 0;
        for (Map.Entry<String, FloatTensor> p : new java.util.TreeMap<>(artifact.parameters()).entrySet()) {
            out.printf(Locale.ROOT, "  %-40s %s%n", p.getKey(), p.getValue().shapeString());
            values += p.getValue().data().length;
        }
        values += artifact.itemEmbeddings().storedValues(); // 0 for identity embeddings: not stored
        out.printf(Locale.ROOT, "  total %,d float32 values incl. item embeddings (%,d bytes)%n", values, values * 4);
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, Map<String, ?> values) {
        out.println(title + ":" + (values.isEmpty() ? " (none)" : ""));
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        values.forEach((k, v) -> out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", k, format(v)));
    }

    /** Numbers with at most 6 significant digits and no trailing zeros (JSON numbers arrive as doubles). */
    private static String format(Object v) {
        if (v instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d)
                    .round(new MathContext(6))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(v);
    }

    private static List<String> entries(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return Collections.list(zip.entries()).stream()
                    .map(e -> String.format(
                            Locale.ROOT,
                            "%-40s %,14d bytes (%,d stored)",
                            e.getName(),
                            e.getSize(),
                            e.getCompressedSize()))
                    .toList();
        }
    }
}
