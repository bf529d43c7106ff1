package org.seqrec.it.demo;

import java.io.PrintStream;
import java.util.List;
import org.seqrec.trainer.cli.SeqRecTrainer;

/**
 * Runs the real {@code seqrec-trainer} command line in this JVM, exactly as
 * {@code scripts/seqrec-trainer} would run it in its own: same commands, same options, its own
 * progress (stderr) and report (stdout) printed as they come. Stateless.
 */
final class TrainerCli {
    private final PrintStream out;

    /** @param out where the command line it runs is echoed, like a shell transcript */
    TrainerCli(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs one command, e.g. {@code ["generate", "--kind", "shop", ...]}.
     *
     * @throws IllegalStateException if the command exits with a non-zero status (it has printed why)
     */
    void run(List<String> args) {
        out.println("$ seqrec-trainer "
                + String.join(" ", args.stream().map(TrainerCli::quoted).toList()));
        out.flush();
        int status = SeqRecTrainer.commandLine().execute(args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(
                    "seqrec-trainer " + args.getFirst() + " exited with status " + status + " (its message is above)");
        }
    }

    private static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
