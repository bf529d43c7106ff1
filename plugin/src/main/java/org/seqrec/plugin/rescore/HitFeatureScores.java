package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.seqrec.artifact.FeatureModel;

/**
 * Model scores of hits whose item the model does not know, from their features: the clause's
 * {@code feature_fields} map keyword fields of the hit to the model's feature names; the hit's
 * values of those fields that the model knows are its feature rows, and its score is
 * {@code u . mean(F[rows])} (docs/artifact-format.md, "Item features"). A hit with no known value
 * has no score ({@code NaN}).
 *
 * <p>Immutable; {@link #score} reads doc values of the given leaf and may be called from the
 * threads of one request, each with its own leaf.
 */
final class HitFeatureScores {
    /** One mapped field: its indexed name and the model's feature field it holds. */
    record Mapping(String field, String feature) {}

    private final List<Mapping> mappings;
    private final FeatureModel model;
    private final float[] userVector;

    /** @param mappings already checked: keyword fields with doc values, features the model has */
    HitFeatureScores(List<Mapping> mappings, FeatureModel model, float[] userVector) {
        this.mappings = List.copyOf(mappings);
        this.model = model;
        this.userVector = userVector;
    }

    /** The feature rows of one hit (leaf doc id), ascending and distinct. */
    int[] rows(LeafReader reader, int leafDoc) throws IOException {
        List<Integer> rows = new ArrayList<>();
        for (Mapping m : mappings) {
            SortedSetDocValues values = DocValues.getSortedSet(reader, m.field());
            if (values.advanceExact(leafDoc)) {
                for (int k = 0, n = values.docValueCount(); k < n; k++) {
                    int row = model.features()
                            .rowOf(
                                    m.feature(),
                                    values.lookupOrd(values.nextOrd()).utf8ToString());
                    if (row > 0) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    /** {@code u . mean(F[rows])} of one hit, or {@code NaN} when none of its values is known. */
    float score(LeafReader reader, int leafDoc) throws IOException {
        int[] rows = rows(reader, leafDoc);
        if (rows.length == 0) {
            return Float.NaN;
        }
        float[] e = model.embed(rows);
        float s = 0f;
        for (int j = 0; j < e.length; j++) {
            s += userVector[j] * e[j];
        }
        return Float.isFinite(s) ? s : Float.NaN;
    }

    /** The (feature=value) pairs a hit was scored from, for {@code explain}. */
    String describe(LeafReader reader, int leafDoc) throws IOException {
        List<String> out = new ArrayList<>();
        for (int row : rows(reader, leafDoc)) {
            out.add(model.features().value(row).field() + "="
                    + model.features().value(row).value());
        }
        return String.join(", ", out);
    }
}
