/**
 * {@code seqrec-trainer benchmark}: trains a list of model/loss configurations on one data set, one
 * after the other with the same leave-one-out split and seed, and writes {@code results.json},
 * {@code results.md} and two PNG charts.
 *
 * <ul>
 *   <li>{@link org.seqrec.trainer.bench.BenchmarkConfigs} parses and validates {@code CONFIGS.json}
 *       into {@link org.seqrec.trainer.bench.BenchmarkConfig}s, before anything trains;</li>
 *   <li>{@link org.seqrec.trainer.bench.PublishedNumbers} reads the reference numbers to compare with;</li>
 *   <li>{@link org.seqrec.trainer.bench.BenchmarkRunner} trains and tests each configuration;</li>
 *   <li>{@link org.seqrec.trainer.bench.ResultsJson}, {@link org.seqrec.trainer.bench.ResultsMarkdown}
 *       and {@link org.seqrec.trainer.bench.Charts} write the outputs;
 *       {@link org.seqrec.trainer.bench.Environment} records the machine and versions.</li>
 * </ul>
 */
package org.seqrec.trainer.bench;
