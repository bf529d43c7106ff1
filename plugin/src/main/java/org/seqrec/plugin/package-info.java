/**
 * The plugin's entry point ({@link org.seqrec.plugin.SeqRecPlugin}, which only registers things:
 * clauses, actions, settings, the thread pool, the store's index and cluster-state section) and the
 * node-wide services the clauses and actions share ({@link org.seqrec.plugin.SeqRecServices}).
 */
package org.seqrec.plugin;
