/** Checks of the container files in {@code docker/} against the build (no Docker engine needed). */
package org.seqrec.it.docker;
