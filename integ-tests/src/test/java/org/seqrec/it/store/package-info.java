/** The model store on an in-JVM cluster: uploads served by every node, deletes, version swaps under load. */
package org.seqrec.it.store;
