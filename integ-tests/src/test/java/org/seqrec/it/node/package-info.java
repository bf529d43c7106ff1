/** Tests of the node launcher itself: start, talk, stop, fail clearly, and clean up leftover nodes. */
package org.seqrec.it.node;
