/** Tests of the model catalogue in the cluster state: its versions rule and its wire and JSON forms. */
package org.seqrec.plugin.store;
