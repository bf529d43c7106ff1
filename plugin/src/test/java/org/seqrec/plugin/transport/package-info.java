/** Wire and JSON round trips of the transport requests and responses. */
package org.seqrec.plugin.transport;
