package org.seqrec.plugin.model;

import java.util.regex.Pattern;

/**
 * The rule for model ids: lowercase letters, digits, {@code _ . -}, starting with a letter or
 * digit, at most 100 characters. Ids become file names, so the rule also keeps path tricks
 * ({@code ../}, {@code /}, {@code \}) out.
 */
public final class ModelIds {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    private ModelIds() {}

    /**
     * @return the id
     * @throws IllegalArgumentException naming the rule when the id breaks it
     */
    public static String validate(String modelId) {
        if (modelId == null || VALID.matcher(modelId).matches() == false) {
            throw new IllegalArgumentException(
                    "[model_id] must match [a-z0-9][a-z0-9_.-]{0,99} (lowercase letters, digits, '_', '.', '-',"
                            + " starting with a letter or digit, at most 100 characters), got [" + modelId + "]");
        }
        return modelId;
    }
}
