/**
 * Where models come from ({@link org.seqrec.plugin.model.ModelSource}), the node's registry of
 * loaded models, and the one door to DJL ({@link org.seqrec.plugin.model.DjlCalls}).
 */
package org.seqrec.plugin.model;
