/**
 * Item retrieval by maximum inner product: the exact scan ({@link org.seqrec.index.ExactItemIndex}) and
 * HNSW graphs over hnswlib-jna ({@link org.seqrec.index.HnswItemIndex}), behind
 * {@link org.seqrec.index.ItemIndex}.
 */
package org.seqrec.index;
