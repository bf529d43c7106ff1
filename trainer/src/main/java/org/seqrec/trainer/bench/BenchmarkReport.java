package org.seqrec.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqrec.trainer.eval.EvaluationProtocol;

/**
 * Everything a benchmark's outputs show: written as {@code results.json} ({@link ResultsJson}),
 * {@code results.md} ({@link ResultsMarkdown}) and charts ({@link Charts}). A report may hold only
 * the configurations finished so far: outputs are rewritten after each one.
 *
 * @param environment machine and versions
 * @param input the interaction log
 * @param format its format ({@code pairs}, {@code sequences} or {@code csv})
 * @param data the data summary ({@code InteractionData.summary()})
 * @param evaluatedUsers users with validation and test targets
 * @param headline the protocol of the main table ({@code --protocol})
 * @param protocols every test protocol, see {@link BenchmarkRunner#protocols}
 * @param seed seed of training and of the sampled test negatives
 * @param results per configuration, in run order
 * @param published reference numbers, or null
 */
public record BenchmarkReport(
        Environment environment,
        String input,
        String format,
        Map<String, Object> data,
        int evaluatedUsers,
        EvaluationProtocol headline,
        List<EvaluationProtocol> protocols,
        long seed,
        List<ConfigResult> results,
        PublishedNumbers published) {
    public BenchmarkReport {
        protocols = List.copyOf(protocols);
        results = List.copyOf(results);
    }

    /** The result variants of the protocols, e.g. {@code full, full_excl_seen, sampled_100}. */
    public List<String> variants() {
        List<String> v = new ArrayList<>();
        for (EvaluationProtocol p : protocols) {
            v.add(BenchmarkRunner.variant(p));
            if (p instanceof EvaluationProtocol.Full) {
                v.add("full_excl_seen");
            }
        }
        return v;
    }

    /** The headline's variant: {@code full} or {@code sampled_N}. */
    public String headlineVariant() {
        return BenchmarkRunner.variant(headline);
    }
}
