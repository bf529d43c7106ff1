/**
 * Candidate retrieval from a model's item index (maximum inner product; exact up to 100,000 items,
 * else HNSW), shared by the {@code seqrec} query and the {@code _recommend} action, and the item it
 * returns.
 */
package org.seqrec.plugin.retrieval;
