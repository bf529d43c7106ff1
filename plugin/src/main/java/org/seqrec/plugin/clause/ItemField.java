package org.seqrec.plugin.clause;

import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.QueryShardContext;

/** The one check of a clause's {@code item_field} on a shard: mapped, keyword and, where read, with doc values. */
public final class ItemField {
    private ItemField() {}

    /**
     * The field named {@code itemField} in the shard's index.
     *
     * @param needsDocValues whether the clause reads the field's doc values (the rescorer), not only
     *     matches its terms (the query)
     * @throws IllegalArgumentException (400) naming the field, the index and what is wrong: unmapped,
     *     not a keyword field, or without doc values where they are needed
     */
    public static MappedFieldType resolve(QueryShardContext context, String itemField, boolean needsDocValues) {
        MappedFieldType field = context.fieldMapper(itemField);
        String index = context.index().getName();
        String name =
                "[" + ClauseFields.NAME + "] [" + ClauseFields.ITEM_FIELD.getPreferredName() + "] [" + itemField + "]";
        if (field == null) {
            throw new IllegalArgumentException(name + " is not mapped in index [" + index + "]");
        }
        if ("keyword".equals(field.typeName()) == false) {
            throw new IllegalArgumentException(name + " must be a keyword field, but it is of type [" + field.typeName()
                    + "] in index [" + index + "]");
        }
        if (needsDocValues && field.hasDocValues() == false) {
            throw new IllegalArgumentException(name + " must have doc_values enabled in index [" + index + "]");
        }
        return field;
    }

    /**
     * A field of the rescorer's {@code feature_fields}: mapped, keyword, with doc values.
     *
     * @throws IllegalArgumentException (400) naming the field, the index and what is wrong
     */
    public static MappedFieldType resolveFeatureField(QueryShardContext context, String featureField) {
        MappedFieldType field = context.fieldMapper(featureField);
        String index = context.index().getName();
        String name = "[" + ClauseFields.NAME + "] [" + ClauseFields.FEATURE_FIELDS.getPreferredName() + "] ["
                + featureField + "]";
        if (field == null) {
            throw new IllegalArgumentException(name + " is not mapped in index [" + index + "]");
        }
        if ("keyword".equals(field.typeName()) == false) {
            throw new IllegalArgumentException(name + " must be a keyword field, but it is of type [" + field.typeName()
                    + "] in index [" + index + "]");
        }
        if (field.hasDocValues() == false) {
            throw new IllegalArgumentException(name + " must have doc_values enabled in index [" + index + "]");
        }
        return field;
    }
}
