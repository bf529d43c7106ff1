package org.seqrec.trainer.eval;

/**
 * How candidates are chosen when ranking a held-out target.
 * <ul>
 *   <li>{@code full}: against every item of the vocabulary, reported twice: over all items, and
 *       excluding the items of the user's history (the target itself is never excluded);</li>
 *   <li>{@code sampled:N}: against N items drawn uniformly without replacement (seeded) from the
 *       items the user never interacted with; if fewer than N exist, all of them.</li>
 * </ul>
 */
public sealed interface EvaluationProtocol {
    /** The largest N accepted by {@code sampled:N}. */
    int MAX_SAMPLED = 1_000_000;

    /** The text form, {@code full} or {@code sampled:N}. */
    String spec();

    /** Rank against all items. */
    record Full() implements EvaluationProtocol {
        @Override
        public String spec() {
            return "full";
        }
    }

    /** Rank against {@code negatives} sampled items the user never interacted with. */
    record Sampled(int negatives) implements EvaluationProtocol {
        public Sampled {
            if (negatives < 1 || negatives > MAX_SAMPLED) {
                throw new IllegalArgumentException("sampled:N needs N in 1.." + MAX_SAMPLED + ", got " + negatives);
            }
        }

        @Override
        public String spec() {
            return "sampled:" + negatives;
        }
    }

    /** Parses {@code full} or {@code sampled:N}; IllegalArgumentException says what is allowed. */
    static EvaluationProtocol parse(String s) {
        if ("full".equals(s)) {
            return new Full();
        }
        if (s != null && s.startsWith("sampled:")) {
            try {
                return new Sampled(Integer.parseInt(s.substring("sampled:".length())));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "protocol must be 'full' or 'sampled:N' with N in 1.." + MAX_SAMPLED + ", got '" + s + "'");
    }
}
