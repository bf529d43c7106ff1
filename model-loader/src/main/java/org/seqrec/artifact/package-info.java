/**
 * The {@code .seqrec} artifact format: the validating reader and the writer of the zip, the manifest,
 * the {@code .npy} codec, the item vocabulary and item embeddings, and the layouts of the counting
 * baselines ({@link org.seqrec.artifact.CountModels}). Heap memory only; see docs/artifact-format.md.
 */
package org.seqrec.artifact;
