package org.seqrec.trainer.synthetic;

/**
 * One product of the synthetic shop.
 *
 * @param itemId the id the model knows, e.g. {@code sku-123}; also the document id
 * @param title e.g. {@code wool winter gloves}
 * @param category e.g. {@code gloves}
 * @param style index of the style word (0..styles-1), shared across categories
 */
public record Product(String itemId, String title, String category, int style) {}
