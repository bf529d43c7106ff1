/**
 * The {@code seqrec} rescorer: the builder (wire format, the coordinator's one-time encoding of the
 * history, through {@link org.seqrec.plugin.clause.ClauseRewrite}), its options, the per-shard
 * context and the stateless rescorer that scores a window's hits from their item ids' doc values.
 * See docs/rescore.md.
 */
package org.seqrec.plugin.rescore;
