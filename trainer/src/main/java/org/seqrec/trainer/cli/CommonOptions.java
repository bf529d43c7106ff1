package org.seqrec.trainer.cli;

import picocli.CommandLine.Option;

/** Options every subcommand accepts. */
final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;
}
