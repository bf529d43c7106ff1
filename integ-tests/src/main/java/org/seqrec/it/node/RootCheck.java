package org.seqrec.it.node;

/** Refuses to start OpenSearch as root, which OpenSearch itself refuses later and less clearly. */
final class RootCheck {

    private RootCheck() {}

    static void refuseRoot() {
        if (isRoot()) {
            throw new IllegalStateException(
                    "refusing to start OpenSearch as root (OpenSearch does not run as root). Run the tests"
                            + " through scripts/test, which re-runs them as the unprivileged user 'seqrec', or"
                            + " as any other non-root user.");
        }
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            // Not a Unix JDK or module jdk.security.auth absent: fall back to the user name.
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
