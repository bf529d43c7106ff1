/**
 * The {@code seqrec} query: candidate retrieval from a model's item index (HNSW, maximum inner
 * product), also used by the {@code _recommend} action. See docs/query.md.
 */
package org.seqrec.plugin.query;
