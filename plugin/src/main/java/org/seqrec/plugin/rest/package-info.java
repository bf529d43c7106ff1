/** REST handlers under {@code /_plugins/_seqrec}; each runs a transport action. See docs/rest-api.md. */
package org.seqrec.plugin.rest;
