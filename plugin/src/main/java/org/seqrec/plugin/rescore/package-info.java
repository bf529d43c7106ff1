/**
 * The {@code seqrec} rescorer: the builder (parsing, wire format, the coordinator's one-time
 * encoding of the history), the per-shard context and the stateless rescorer that scores a
 * window's hits from their item ids' doc values.
 */
package org.seqrec.plugin.rescore;
