/**
 * The networks shared by training and serving, written as functional forward passes over named
 * parameters: one {@link org.seqrec.nn.NetworkConfig} record and one {@link org.seqrec.nn.SequenceNetwork}
 * per network type, their shared blocks, and {@link org.seqrec.nn.Networks} to move them in and out of artifacts.
 */
package org.seqrec.nn;
