/**
 * Where models come from ({@link org.seqrec.plugin.model.ModelSource}), the node's bounded registry
 * of loaded model versions, a loaded model (encoder and item index, native memory it owns), and the
 * one door to DJL ({@link org.seqrec.plugin.model.DjlCalls}).
 */
package org.seqrec.plugin.model;
