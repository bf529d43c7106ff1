/**
 * Every transport action of the plugin (model put/get/delete and the catalogue update,
 * {@code _recommend}, stats), with permission-style names ({@code cluster:admin/seqrec/...},
 * {@code cluster:monitor/seqrec/stats}), and their requests and responses.
 */
package org.seqrec.plugin.transport;
