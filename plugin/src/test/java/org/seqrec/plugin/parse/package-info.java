/** Tests of the request-body parsers that need no node (the {@code _recommend} body). */
package org.seqrec.plugin.parse;
