/**
 * The leave-one-out split: per user, the last item for testing, the one before for validation, the
 * rest for training.
 */
package org.seqrec.trainer.split;
