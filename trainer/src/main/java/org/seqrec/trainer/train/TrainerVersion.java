package org.seqrec.trainer.train;

/** The trainer's version as recorded in artifacts: the jar's Implementation-Version when packaged. */
public final class TrainerVersion {
    private TrainerVersion() {}

    public static String get() {
        String v = TrainerVersion.class.getPackage().getImplementationVersion();
        return "seqrec-trainer " + (v == null ? "dev" : v);
    }
}
