/**
 * The cluster's model store: the catalogue of model versions in the cluster state, the artifacts'
 * chunks in a system index, upload validation, and the model source that reads from them.
 */
package org.seqrec.plugin.store;
