package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.trainer.upload.BasicCredentials;
import org.seqrec.trainer.upload.ModelUploader;
import org.seqrec.trainer.upload.UploadOptions;
import org.seqrec.trainer.upload.UploadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code upload}: validates an artifact locally (the reader the plugin uses), then sends it to
 * {@code PUT {cluster}/_plugins/_seqrec/models/{model_id}} and prints one summary line. Bad
 * options are usage errors (exit 2); an invalid file, a refusal or an unreachable cluster exit 1
 * with one line naming the URL and the cluster's reason. Nothing is sent for an invalid file.
 */
@Command(
        name = "upload",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Validate a .seqrec artifact and upload it to an OpenSearch cluster with the seqrec plugin.")
final class UploadCommand implements Callable<Integer> {
    /** Environment variable read when {@code --user} is not given. */
    static final String USER_ENV = "SEQREC_CLUSTER_USER";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.seqrec", description = "Artifact to upload.")
    Path model;

    @Option(
            names = "--cluster",
            required = true,
            paramLabel = "URL",
            description = "Cluster base URL, http:// or https://, e.g. http://localhost:9200.")
    String cluster;

    @Option(
            names = "--model-id",
            required = true,
            paramLabel = "ID",
            description = "Id to store the model under: [a-z0-9][a-z0-9_.-]{0,99}. An existing model is replaced.")
    String modelId;

    @Option(
            names = "--user",
            paramLabel = "NAME:PASSWORD",
            defaultValue = "${env:" + USER_ENV + "}",
            description = "Basic-auth credentials (default: $" + USER_ENV + " when set).")
    String user;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "300s",
            description =
                    "Limit for connecting and for the whole request, 1s..24h, e.g. 300s, 10m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        UploadOptions options = options();
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("artifact file not found: " + model);
        }
        ModelArtifact.read(model); // validates; the artifact itself is not needed
        long size = Files.size(model);
        UploadResult result;
        try (UploadProgress progress =
                UploadProgress.start(size, !noProgress, ProgressBarListener.interactiveTerminal())) {
            result = new ModelUploader(options).upload(model, progress::sent);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(result, options));
        out.flush();
        return 0;
    }

    /** Parses the options; a bad value is a usage error naming the flag. */
    private UploadOptions options() {
        try {
            BasicCredentials credentials = user == null || user.isEmpty() ? null : BasicCredentials.parse(user);
            return new UploadOptions(
                    UploadOptions.parseCluster(cluster),
                    UploadOptions.checkModelId(modelId),
                    credentials,
                    UploadOptions.parseTimeout(timeout));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static String summary(UploadResult r, UploadOptions options) {
        String sha = r.sha256().length() > 12 ? r.sha256().substring(0, 12) : r.sha256();
        return String.format(
                Locale.ROOT,
                "uploaded model [%s] to %s: %s, generation %d, %,d bytes, sha256 %s",
                r.modelId(),
                options.cluster(),
                r.result(),
                r.generation(),
                r.sizeBytes(),
                sha);
    }
}
