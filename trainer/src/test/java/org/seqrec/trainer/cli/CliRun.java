package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the real {@code seqrec-trainer} command line in the test JVM: its exit code and what
 * it printed (line ends normalised to {@code \n}).
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code seqrec-trainer <args>} and captures stdout and stderr. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SeqRecTrainer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(
                code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }
}
