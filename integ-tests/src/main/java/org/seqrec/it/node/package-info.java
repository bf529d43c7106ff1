/**
 * A launcher for a real single-node OpenSearch process built from Maven artifacts, with the plugin
 * zip installed and OpenSearch's java agent enforcing its security policy, and a small HTTP client
 * for its REST API. Used by the real-node tests and the demo.
 */
package org.seqrec.it.node;
