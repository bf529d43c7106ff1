/** Tests of the node counters (the latency reservoir's percentiles). */
package org.seqrec.plugin.stats;
