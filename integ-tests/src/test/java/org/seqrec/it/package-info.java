/**
 * Tests against a real OpenSearch node process with the installed plugin zip, over HTTP only
 * ({@code RealNode*IT}), and what they share: the build's paths and a model trained here on planted
 * chains.
 */
package org.seqrec.it;
