/** Transport actions with permission-style names ({@code cluster:admin/seqrec/...}), run on the local node. */
package org.seqrec.plugin.transport;
