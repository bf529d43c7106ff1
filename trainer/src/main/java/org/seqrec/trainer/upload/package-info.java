/**
 * Client side of {@code PUT /_plugins/_seqrec/models/{model_id}}: validated upload options, the
 * streaming HTTP upload with {@link java.net.http.HttpClient}, and the translation of the
 * cluster's answers (success JSON, OpenSearch error bodies, network failures) into values and
 * one-line messages. No OpenSearch classes: the trainer talks to the cluster over plain HTTP.
 */
package org.seqrec.trainer.upload;
