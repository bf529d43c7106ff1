/**
 * The rescore math (score modes, normalisation, the combination formula) with no Lucene or
 * OpenSearch imports, so that it is unit-tested without a node.
 */
package org.seqrec.plugin.scoring;
