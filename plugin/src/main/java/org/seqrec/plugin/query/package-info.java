/**
 * The {@code seqrec} query: its builder (the coordinator retrieves the k items once per request and
 * ships them to the shards, which match them with boosted term clauses), its options, and the map
 * from inner products to Lucene scores. Retrieval itself is in {@link org.seqrec.plugin.retrieval}.
 * See docs/query.md.
 */
package org.seqrec.plugin.query;
