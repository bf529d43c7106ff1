/**
 * Synthetic interaction logs with known structure (planted chains, a small shop with drifting
 * interests), for tests, the demo and {@code generate}.
 */
package org.seqrec.trainer.synthetic;
