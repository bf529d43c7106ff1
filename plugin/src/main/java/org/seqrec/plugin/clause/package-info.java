/**
 * What the {@code seqrec} query and the {@code seqrec} rescorer share: the rewrite state machine that
 * runs their once-per-request work on the coordinating node and binds them to the node's services
 * ({@link org.seqrec.plugin.clause.ClauseRewrite}, {@link org.seqrec.plugin.clause.ClauseState}),
 * their field names, their common options and the {@code item_field} check.
 */
package org.seqrec.plugin.clause;
