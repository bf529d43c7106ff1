/**
 * Tests of the {@code seqrec} query: its builder, its coordinator rewrite, its score map, and the
 * query with {@code _recommend} in one node.
 */
package org.seqrec.plugin.query;
