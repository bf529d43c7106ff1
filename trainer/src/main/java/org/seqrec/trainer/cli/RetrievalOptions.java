package org.seqrec.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.ModelType;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.RankingType;
import org.seqrec.trainer.data.InteractionData;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --retrieval}: the retrieval model whose top candidates a ranking model reranks, for the
 * two-stage validation and test ({@code org.seqrec.trainer.eval.TwoStageScorer}). It must have been
 * trained on the same catalogue (the same log), so that its item rows are the ranking model's.
 */
final class RetrievalOptions {
    @Spec(Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--retrieval",
            paramLabel = "MODEL.seqrec",
            description =
                    "A ranking model (din, dien, bst) only: the retrieval model (e.g. sasrec) trained on the same log, "
                            + "whose top 100 it reranks in validation and test (default: none, then the sampled "
                            + "protocol alone).")
    Path retrieval;

    /**
     * The retrieval model, or null when none is given.
     *
     * @throws ParameterException (exit 2) for a model that is not a ranking model, a retrieval model
     *     that is itself a ranking model, or one of another catalogue
     */
    ModelArtifact read(InteractionData data, ModelType model) throws IOException {
        if (retrieval == null) {
            return null;
        }
        if (!(model instanceof RankingType)) {
            throw usage("--retrieval applies to ranking models ("
                    + String.join(", ", ModelTypes.names(ModelTypes.ranking())) + ") only; got --model " + model);
        }
        ModelArtifact artifact;
        try {
            artifact = ModelArtifact.read(retrieval);
        } catch (ArtifactException e) {
            throw usage("--retrieval " + retrieval + ": " + e.getMessage());
        }
        String type = artifact.manifest().modelType();
        if (ModelTypes.isRanking(type)) {
            throw usage("--retrieval " + retrieval + " is a ranking model (" + type + "): give a retrieval model ("
                    + String.join(", ", ModelTypes.names(ModelTypes.retrieval())) + ")");
        }
        if (!artifact.vocabulary().ids().equals(data.vocabulary().ids())) {
            throw usage("--retrieval " + retrieval + " was trained on another catalogue ("
                    + artifact.vocabulary().size() + " items, this log has " + data.numItems()
                    + " in another order): train it on the same log");
        }
        return artifact;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
