package org.seqrec.trainer.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password for HTTP basic authentication (OpenSearch security's internal users).
 * {@link #toString()} never shows the password.
 */
public record BasicCredentials(String user, String password) {
    public BasicCredentials {
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("--user: the user name must be non-empty and without ':'");
        }
        if (password == null) {
            throw new IllegalArgumentException("--user: password missing");
        }
    }

    /**
     * Parses {@code NAME:PASSWORD}; the password is everything after the first {@code :} and
     * may itself hold {@code :}.
     *
     * @throws IllegalArgumentException naming {@code --user} (the value is not echoed: it holds a password)
     */
    public static BasicCredentials parse(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "--user (or SEQREC_CLUSTER_USER) must be NAME:PASSWORD with a non-empty NAME");
        }
        return new BasicCredentials(value.substring(0, colon), value.substring(colon + 1));
    }

    /** The value of the {@code Authorization} header. */
    public String authorizationHeader() {
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=***]";
    }
}
