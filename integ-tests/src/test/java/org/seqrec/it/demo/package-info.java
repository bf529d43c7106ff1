/**
 * The shop demo ({@code scripts/demo}, docs/demo.md): a synthetic shop trained, uploaded and searched
 * without and with the rescorer on a real node, its printout, and the test that runs it.
 */
package org.seqrec.it.demo;
