package org.seqrec.trainer.upload;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.seqrec.trainer.report.Durations;

/**
 * Validated settings of one upload. The static {@code parse*} methods turn command-line strings
 * into values and throw {@link IllegalArgumentException} naming the flag and the allowed values;
 * past them every field is valid.
 *
 * @param cluster base URL of the cluster, http or https, without trailing slash (it may carry a
 *     path prefix, e.g. behind a reverse proxy)
 * @param modelId the model id, {@code [a-z0-9][a-z0-9_.-]{0,99}} (the plugin's rule)
 * @param credentials basic-auth user, or {@code null} for none
 * @param timeout limit for connecting and for the whole request (sending the file and the answer)
 */
public record UploadOptions(URI cluster, String modelId, BasicCredentials credentials, Duration timeout) {
    /** The plugin's rule for model ids (they become file names, so no path tricks). */
    public static final Pattern MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    public UploadOptions {
        Objects.requireNonNull(cluster, "cluster");
        checkModelId(modelId);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("--timeout must be in 1s..24h, got " + timeout.toSeconds() + "s");
        }
    }

    /** {@code {cluster}/_plugins/_seqrec/models/{modelId}}; ids need no escaping. */
    public URI modelUri() {
        return URI.create(cluster + "/_plugins/_seqrec/models/" + modelId);
    }

    /** @throws IllegalArgumentException naming {@code --model-id} and the rule */
    public static String checkModelId(String modelId) {
        if (modelId == null || !MODEL_ID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("--model-id must match [a-z0-9][a-z0-9_.-]{0,99} (lowercase letters,"
                    + " digits, '_', '.', '-', starting with a letter or digit, at most 100 characters), got ["
                    + modelId + "]");
        }
        return modelId;
    }

    /**
     * Parses an {@code http://} or {@code https://} URL with a host, no query, fragment or user
     * info; trailing slashes are dropped.
     *
     * @throws IllegalArgumentException naming {@code --cluster}
     */
    public static URI parseCluster(String value) {
        String usage =
                "--cluster must be an http:// or https:// URL such as http://localhost:9200, got [" + value + "]";
        URI uri;
        try {
            uri = new URI(value == null ? "" : value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(usage, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(usage);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--cluster: give credentials with --user NAME:PASSWORD, not in the URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--cluster must not have a query or fragment, got [" + value + "]");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /**
     * Parses {@code N}, {@code Ns}, {@code Nm} or {@code Nh} (a bare number is seconds).
     *
     * @throws IllegalArgumentException naming {@code --timeout} and the range 1s..24h
     */
    public static Duration parseTimeout(String value) {
        return Durations.parse("--timeout", value, MIN_TIMEOUT, MAX_TIMEOUT);
    }
}
