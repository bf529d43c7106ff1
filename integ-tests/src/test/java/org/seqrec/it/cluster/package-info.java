/** The rescorer on an in-JVM cluster of several data nodes and shards, with a model trained in the test. */
package org.seqrec.it.cluster;
