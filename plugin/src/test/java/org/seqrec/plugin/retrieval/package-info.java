/** Tests of item retrieval against brute force, and of what it counts in the stats. */
package org.seqrec.plugin.retrieval;
