/**
 * The inference API: {@link org.seqrec.encoder.SequenceEncoder} turns histories into user vectors with
 * an artifact's model, on DJL's PyTorch engine for networks ({@link org.seqrec.encoder.DjlRuntime},
 * {@link org.seqrec.encoder.DevicePreference}) and in Java for the counting baselines.
 */
package org.seqrec.encoder;
