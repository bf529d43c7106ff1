package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.ModelTypes;
import org.seqrec.nn.cpu.CpuRankingNetwork;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.eval.BatchScorer;
import org.seqrec.trainer.eval.CandidateScorer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.eval.TwoStageScorer;
import org.seqrec.trainer.split.EvalCase;
import org.seqrec.trainer.split.LeaveOneOut;

/** DIN, DIEN and BST learn the planted pairs with sampled negatives, with and without a retrieval model's pools. */
class RankingTrainingTests {
    private static final int PAIRS = 5;

    private static TrainingConfig din(int epochs) {
        return ranker("din", epochs);
    }

    private static TrainingConfig ranker(String model, int epochs) {
        return TrainingTests.small()
                .model(model)
                .loss("sampled-ce")
                .negatives(8)
                .epochs(epochs)
                .learningRate(0.01f)
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"din", "dien", "bst"})
    void aRankerRanksThePlantedFollowerFirstAmongAllItems(String model, @TempDir Path dir) throws Exception {
        InteractionData data = TrainingTests.plantedPairs(1);
        TrainingResult result =
                RankingTraining.train(data, LeaveOneOut.of(data), ranker(model, 30), null, TrainingListener.NONE);
        Path file = dir.resolve(model + ".seqrec");
        result.artifact().write(file);
        ModelArtifact artifact = ModelArtifact.read(file);
        assertEquals(model, artifact.manifest().modelType());
        assertTrue(result.epochs().get(0).validation().containsKey(RankingTraining.SAMPLED_METRIC));
        assertTopOneIsTheFollower(data, ModelTypes.cpuRanking(artifact));
    }

    @Test
    void aRetrievalModelGivesHardNegativesAndTwoStageValidation() throws Exception {
        InteractionData data = TrainingTests.plantedPairs(2);
        // a retrieval model that ranks items by row: its pools are the lowest rows a user has not seen
        BatchScorer byRow = histories -> {
            float[][] out = new float[histories.length][data.numItems() + 1];
            for (float[] row : out) {
                for (int r = 1; r < row.length; r++) {
                    row[r] = -r;
                }
            }
            return out;
        };
        TrainingResult result =
                RankingTraining.train(data, LeaveOneOut.of(data), din(30), byRow, TrainingListener.NONE);
        assertTrue(result.epochs().get(0).validation().containsKey(RankingTraining.TWO_STAGE_METRIC));
        assertTopOneIsTheFollower(data, ModelTypes.cpuRanking(result.artifact()));

        int[] sequence = {1, 3, 6};
        List<int[]> scored = new ArrayList<>();
        BatchScorer recording = histories -> {
            scored.addAll(List.of(histories));
            return byRow.score(histories);
        };
        int[][] pools = RankingTraining.hardNegativePools(recording, List.of(sequence), data.numItems(), 5)
                .get(sequence);
        // one pool per trained target (indices 1 and 2), each scored after the items before it only
        assertEquals(3, pools.length);
        assertNull(pools[0]);
        assertEquals(
                List.of("[1]", "[1, 3]"), scored.stream().map(Arrays::toString).toList());
        // the retrieval model's best rows, the user's own left out
        assertEquals(Math.min(RankingTraining.POOL, data.numItems() - 3), pools[1].length);
        assertArrayEquals(new int[] {2, 4, 5, 7}, Arrays.copyOf(pools[2], 4));
        // with L 1 only the last target is trained
        assertNull(RankingTraining.hardNegativePools(byRow, List.of(sequence), data.numItems(), 1)
                .get(sequence)[1]);
    }

    @Test
    void refusesLossesThatDoNotApply() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingTests.small().model("din").loss("ce").build());
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingTests.small().model("din").loss("gbce").build());
        InteractionData data = TrainingTests.plantedPairs(1);
        assertThrows(
                IllegalArgumentException.class,
                () -> Training.train(data, LeaveOneOut.of(data), din(1), TrainingListener.NONE));
    }

    /** Two-stage: the reranked top comes first in the ranker's order, the rest keeps the retrieval order. */
    @Test
    void twoStageScoresPutTheRerankedTopFirst() {
        BatchScorer retrieval = h -> new float[][] {{0, 5, 4, 3, 2, 1}};
        // the ranker prefers higher rows
        TwoStageScorer pipeline = new TwoStageScorer(
                retrieval,
                (hs, cands) -> {
                    float[][] out = new float[cands.length][];
                    for (int b = 0; b < cands.length; b++) {
                        out[b] = new float[cands[b].length];
                        for (int i = 0; i < cands[b].length; i++) {
                            out[b][i] = cands[b][i];
                        }
                    }
                    return out;
                },
                3);
        float[] s = pipeline.score(new int[][] {{1}})[0];
        // retrieval's top 3 are rows 1, 2, 3; reranked: 3, 2, 1; then 4, 5
        assertTrue(s[3] > s[2] && s[2] > s[1] && s[1] > s[4] && s[4] > s[5], Arrays.toString(s));
        assertArrayEquals(new int[] {1, 2, 3}, TwoStageScorer.top(new float[] {9, 5, 4, 3, 2, 1}, 3));
        assertArrayEquals(new int[] {1, 2}, TwoStageScorer.top(new float[] {0, 1, 1, Float.NaN}, 2));
    }

    /** The sampled protocol of a two-stage evaluation measures the ranker alone when it is the candidate scorer. */
    @Test
    void sampledCandidatesAreScoredByTheRankerAlone() {
        int n = 300;
        List<EvalCase> cases = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            cases.add(new EvalCase(u, new int[] {1 + u}, 100 + u, new int[] {1 + u, 100 + u}));
        }
        // the retrieval model prefers low rows, the ranker the case's target
        BatchScorer retrieval = histories -> {
            float[][] out = new float[histories.length][n + 1];
            for (float[] row : out) {
                for (int r = 1; r <= n; r++) {
                    row[r] = -r;
                }
            }
            return out;
        };
        CandidateScorer ranker = (histories, candidates) -> {
            float[][] out = new float[candidates.length][];
            for (int b = 0; b < candidates.length; b++) {
                out[b] = new float[candidates[b].length];
                for (int i = 0; i < out[b].length; i++) {
                    out[b][i] = candidates[b][i] == histories[b][0] + 99 ? 1 : 0;
                }
            }
            return out;
        };
        EvaluationProtocol sampled = new EvaluationProtocol.Sampled(100);
        double alone = new Evaluator(null, ranker, n, 16)
                .evaluate(cases, sampled, 3)
                .variants()
                .get("sampled_100")
                .ndcg10();
        double inPipeline = new Evaluator(new TwoStageScorer(retrieval, ranker, 10), ranker, n, 16)
                .evaluate(cases, sampled, 3)
                .variants()
                .get("sampled_100")
                .ndcg10();
        assertEquals(1.0, alone, 1e-9);
        assertEquals(alone, inPipeline, 1e-9);
    }

    private static void assertTopOneIsTheFollower(InteractionData data, CpuRankingNetwork din) {
        int[] all = new int[data.numItems()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        List<String> misses = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            int lead = data.vocabulary().rowOf("lead-" + pair);
            int follow = data.vocabulary().rowOf("follow-" + pair);
            int noise = data.vocabulary().rowOf("noise-3");
            float[] scores = din.scores(new int[] {noise, lead}, all);
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            if (all[best] != follow) {
                misses.add("lead-" + pair + " -> " + data.vocabulary().idOf(all[best]));
            }
        }
        assertEquals(List.of(), misses);
    }
}
