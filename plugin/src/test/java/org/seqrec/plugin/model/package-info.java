/** Tests of model ids, of the loaded-model registry (loading, eviction, versions) and of serving a counting model. */
package org.seqrec.plugin.model;
