/**
 * The cold-start protocol: hold a share of the items out of training entirely, train on the rest
 * with item features, and rank the held-out targets with embeddings made from their features alone.
 */
package org.seqrec.trainer.coldstart;
