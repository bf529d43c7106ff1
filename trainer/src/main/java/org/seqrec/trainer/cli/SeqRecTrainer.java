package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import org.seqrec.trainer.train.TrainerVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code seqrec-trainer} command line: {@code train}, {@code evaluate}, {@code inspect},
 * {@code generate}, {@code upload}, {@code benchmark}. Exit codes: 0 success, 2 usage error (bad or
 * missing option, value out of range), 1 any other failure, reported as one line on stderr (the
 * stack trace too with {@code --verbose}). See docs/trainer.md.
 */
@Command(
        name = "seqrec-trainer",
        mixinStandardHelpOptions = true,
        versionProvider = SeqRecTrainer.Version.class,
        description = "Trains and evaluates sequential recommendation models and writes .seqrec artifacts.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            InspectCommand.class,
            GenerateCommand.class,
            UploadCommand.class,
            BenchmarkCommand.class,
            ColdStartCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SeqRecTrainer implements Runnable {
    /** Exit code of failures other than usage errors. */
    public static final int EXIT_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "missing subcommand: train, evaluate, inspect, generate, upload or benchmark");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * A configured command line (tests call {@code execute} on it with their own writers): one-line
     * errors, and the help texts of {@code train} and {@code cold-start} made from the model type registry.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SeqRecTrainer());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        for (String name : new String[] {"train", "cold-start"}) {
            CommandSpec command = cl.getSubcommands().get(name).getCommandSpec();
            command.resourceBundle(TrainOptions.helpTexts(command));
        }
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {TrainerVersion.get()};
        }
    }

    /** Prints {@code <command>: <message>}; the stack trace only when {@code --verbose} was given. */
    static final class OneLineErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            String message = ex.getMessage() == null || ex.getMessage().isBlank()
                    ? ex.getClass().getSimpleName()
                    : ex.getMessage();
            boolean verbose = verbose(parseResult);
            err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + message
                    + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_FAILURE;
        }

        private static boolean verbose(ParseResult result) {
            for (ParseResult r = result; r != null; r = r.subcommand()) {
                if (r.hasMatchedOption("--verbose")) {
                    return true;
                }
            }
            return false;
        }
    }
}
