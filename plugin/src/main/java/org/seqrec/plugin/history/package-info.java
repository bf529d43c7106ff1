/**
 * Where a clause's history comes from: given in the request ({@code history}) or looked up in an
 * events index by {@code user_id} ({@code events}), once per request on the coordinating node.
 * Shared by the {@code seqrec} rescorer and the {@code seqrec} query. See docs/rescore.md.
 */
package org.seqrec.plugin.history;
