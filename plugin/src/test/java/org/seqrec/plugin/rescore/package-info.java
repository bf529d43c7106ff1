/** Tests of the {@code seqrec} rescorer: its builder, its coordinator rewrite, the shard-side scoring, and in one node. */
package org.seqrec.plugin.rescore;
