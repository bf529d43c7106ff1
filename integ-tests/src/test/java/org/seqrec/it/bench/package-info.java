/** Benchmarks against a real node, not part of the suite (run them with the commands in docs/benchmarks.md). */
package org.seqrec.it.bench;
