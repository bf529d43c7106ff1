/**
 * Test bases that every seqrec clause (the query and the rescorer) runs: builder round trips and
 * rejections, the coordinator's rewrite, and a single in-JVM node; and the rewrite state's own tests.
 */
package org.seqrec.plugin.clause;
