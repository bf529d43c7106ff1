package org.seqrec.artifact;

import java.util.Map;
import java.util.TreeSet;

/**
 * The artifact layouts of the baselines fit by counting, with no network, and the checks their
 * artifacts must pass; the types themselves are registered in {@code org.seqrec.model.ModelTypes}
 * under the names {@link #POP} and {@link #MARKOV}. Both keep the dot-product contract (score of item
 * row i = u . E[i]):
 * <ul>
 *   <li>{@value #POP}: most popular. E is (n + 1, 1) with E[i] = log(1 + training count of i)
 *       (row 0: 0), u is always [1]; no parameters.</li>
 *   <li>{@value #MARKOV}: first-order Markov chain. E is the identity (D = n + 1, declared by
 *       {@code hyper_parameters.item_embeddings = "identity"} and never stored) and u is the whole
 *       score row u[j] = count(i -&gt; j) / out(i) + epsilon * pop(j) for the last known item i, with
 *       pop(j) = count(j) / max count; parameters: {@link TransitionCounts}.</li>
 * </ul>
 * These checks run while an artifact is read or built, below the model types (which depend on this
 * package), so they go by the manifest's model_type: a network type passes them and has its
 * parameters checked when its network is built. Stateless.
 */
public final class CountModels {
    public static final String POP = "pop";
    public static final String MARKOV = "markov";
    /** Hyper-parameter naming the form of E: {@value #MATRIX} (default) or {@value #IDENTITY}. */
    public static final String ITEM_EMBEDDINGS = "item_embeddings";

    public static final String MATRIX = "matrix";
    public static final String IDENTITY = "identity";
    /** Hyper-parameter of {@value #MARKOV}: the weight of the popularity fallback. */
    public static final String EPSILON = "epsilon";
    /** The fallback weight the trainer writes: small enough that any seen transition outranks it. */
    public static final double DEFAULT_EPSILON = 1e-6;
    /** The largest epsilon accepted: keeps the fallback below one transition out of 1,000. */
    public static final double MAX_EPSILON = 1e-3;

    private CountModels() {}

    /**
     * Whether the manifest declares identity item embeddings.
     *
     * @throws ArtifactException when {@code hyper_parameters.item_embeddings} is neither matrix nor identity
     */
    public static boolean declaresIdentity(Manifest m) throws ArtifactException {
        String form = m.stringParam(ITEM_EMBEDDINGS, MATRIX);
        if (!form.equals(MATRIX) && !form.equals(IDENTITY)) {
            throw new ArtifactException("hyper_parameters." + ITEM_EMBEDDINGS + " must be '" + MATRIX + "' or '"
                    + IDENTITY + "', got '" + form + "'");
        }
        if (form.equals(IDENTITY) && m.numItems() >= TransitionCounts.MAX_EXACT) {
            throw new ArtifactException("identity item embeddings support fewer than " + TransitionCounts.MAX_EXACT
                    + " items, got num_items " + m.numItems());
        }
        return form.equals(IDENTITY);
    }

    /** The validated fallback weight of a markov manifest. */
    public static double epsilon(Manifest m) throws ArtifactException {
        double eps = m.doubleParam(EPSILON);
        if (!(eps > 0 && eps <= MAX_EPSILON)) {
            throw new ArtifactException(
                    "hyper_parameters." + EPSILON + " must be in (0, " + MAX_EPSILON + "], got " + eps);
        }
        return eps;
    }

    /**
     * Checks what the model type requires of the embeddings and parameters: identity embeddings
     * only for markov; pop with D = 1 and no parameters; markov with valid {@link TransitionCounts}
     * and epsilon. Network types pass here (their parameters are checked when the network is built).
     */
    static void check(Manifest m, ItemEmbeddings embeddings, Map<String, FloatTensor> parameters)
            throws ArtifactException {
        String type = m.modelType();
        if ((POP.equals(type) || MARKOV.equals(type)) && m.readsTimes()) {
            throw new ArtifactException(
                    "manifest reads_times is true but model_type '" + type + "' does not read event times");
        }
        if (embeddings.isIdentity() && !MARKOV.equals(type)) {
            throw new ArtifactException(
                    "identity item embeddings are only valid for model_type " + MARKOV + ", not '" + type + "'");
        }
        if (POP.equals(type)) {
            if (embeddings.dim() != 1) {
                throw new ArtifactException(
                        "model_type pop needs embedding_dim 1 (one score per item), got " + embeddings.dim());
            }
            if (!parameters.isEmpty()) {
                throw new ArtifactException(
                        "model_type pop has no parameters, got " + new TreeSet<>(parameters.keySet()));
            }
        } else if (MARKOV.equals(type)) {
            if (!embeddings.isIdentity()) {
                throw new ArtifactException(
                        "model_type markov needs hyper_parameters." + ITEM_EMBEDDINGS + " = '" + IDENTITY + "'");
            }
            epsilon(m);
            TransitionCounts.fromParameters(parameters, m.numItems());
        }
    }
}
