/**
 * The {@code seqrec_personalize} search request processor and the search request's {@code ext.seqrec}
 * section it reads the user from: a search pipeline (or an index's default pipeline) that adds the
 * {@code seqrec} rescorer, and optionally the query, to every search that names a user. See
 * docs/pipelines.md.
 */
package org.seqrec.plugin.pipeline;
