/**
 * This node's counters (encodes, rescored hits, model-cache hits and misses, load errors, encoding
 * latencies) and the snapshots the stats action sends over the wire; the action itself is in
 * {@link org.seqrec.plugin.transport}. See docs/rest-api.md.
 */
package org.seqrec.plugin.stats;
