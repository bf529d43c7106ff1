package org.seqrec.trainer.cli;

import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.RankingType;
import org.seqrec.nn.RankingConfig;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.train.TrainingConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --warm-start}: a ranking model that can (bst) starts from the {@code --retrieval} model's
 * weights, so that training begins at that model's ranking and learns what reading the candidate adds.
 * On by default where the type can; asked for where it cannot, a usage error.
 */
final class WarmStartOptions {
    @Spec(Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--warm-start",
            negatable = true,
            description = "bst with --retrieval: start from the retrieval model's weights (a sasrec of the same "
                    + "--dim, --max-len, --blocks and --heads), the scoring MLP at 0, so that training starts "
                    + "from that SASRec's ranking (default: on for bst with --retrieval; --no-warm-start trains "
                    + "from scratch).")
    Boolean warmStart;

    /**
     * The parameters the ranking network starts from, or null for a fresh start.
     *
     * @throws ParameterException (exit 2) for --warm-start without --retrieval, with a type that cannot
     *     start from it, or with a retrieval model of another shape
     */
    Map<String, FloatTensor> read(ModelArtifact retrieval, TrainingConfig cfg, InteractionData data) {
        boolean asked = Boolean.TRUE.equals(warmStart);
        if (!(cfg.model() instanceof RankingType type)) {
            if (asked) {
                throw usage("--warm-start applies to bst with --retrieval; got --model " + cfg.model());
            }
            return null;
        }
        RankingConfig config = type.config(data.numItems(), cfg.network());
        boolean wanted = warmStart != null ? warmStart : retrieval != null && config.canWarmStart();
        if (!wanted) {
            return null;
        }
        if (retrieval == null) {
            throw usage("--warm-start starts from the --retrieval model: give one");
        }
        try {
            return config.warmStart(retrieval);
        } catch (IllegalArgumentException e) {
            throw usage("--warm-start: " + e.getMessage() + " (--no-warm-start trains " + type + " from scratch)");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
