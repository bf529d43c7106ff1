/**
 * The {@code seqrec-trainer} command line (picocli): {@code train}, {@code evaluate}, {@code inspect},
 * {@code generate}, {@code upload} and {@code benchmark}, their shared options and progress output.
 */
package org.seqrec.trainer.cli;
