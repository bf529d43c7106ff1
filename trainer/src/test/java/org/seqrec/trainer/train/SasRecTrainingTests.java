package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.Device;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.split.LeaveOneOut;

class SasRecTrainingTests {
    private static final int PAIRS = 5;

    /** Users see random noise items, and whenever they see lead-k they next see follow-k. */
    private static InteractionData plantedPairs(long seed) {
        Random random = new Random(seed);
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (int u = 0; u < 400; u++) {
            List<String> seq = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                seq.add("noise-" + random.nextInt(40));
            }
            int pair = random.nextInt(PAIRS);
            int at = random.nextInt(seq.size() - 1);
            seq.add(at, "lead-" + pair);
            seq.add(at + 1, "follow-" + pair);
            for (String item : seq) {
                b.add("u" + u, item);
            }
        }
        return b.build("planted pairs");
    }

    private static TrainingConfig config(String loss, int epochs, float lr) {
        return new TrainingConfig("sasrec", loss, epochs, 64, lr, 16, 8, 1, 1, 0.1f, 7, Device.CPU, 1);
    }

    @Test
    void learnsAPlantedNextItemAndExportsAServableArtifact() throws Exception {
        InteractionData data = plantedPairs(1);
        ModelArtifact artifact = SasRecTraining.train(data, LeaveOneOut.of(data), config("ce", 40, 0.01f), TrainingListener.NONE);
        assertTopOneIsTheFollower(artifact);
        assertEquals("sasrec", artifact.manifest().modelType());
        assertTrue(artifact.manifest().metrics().containsKey(SasRecTraining.SELECTION_METRIC));
    }

    @Test
    void paperBceLossAlsoLearnsIt() throws Exception {
        InteractionData data = plantedPairs(2);
        ModelArtifact artifact = SasRecTraining.train(data, LeaveOneOut.of(data), config("bce", 80, 0.005f), TrainingListener.NONE);
        assertTopOneIsTheFollower(artifact);
    }

    @Test
    void sameSeedSameModel() {
        InteractionData data = plantedPairs(3);
        for (String loss : List.of("ce", "bce")) {
            ModelArtifact a = SasRecTraining.train(data, LeaveOneOut.of(data), config(loss, 3, 0.01f), TrainingListener.NONE);
            ModelArtifact b = SasRecTraining.train(data, LeaveOneOut.of(data), config(loss, 3, 0.01f), TrainingListener.NONE);
            float[] ea = a.itemEmbeddings().asTensor().data();
            float[] eb = b.itemEmbeddings().asTensor().data();
            for (int i = 0; i < ea.length; i++) {
                assertEquals(ea[i], eb[i], 1e-5f, loss + ": embedding value " + i);
            }
        }
    }

    private static void assertTopOneIsTheFollower(ModelArtifact artifact) throws Exception {
        ItemEmbeddings items = artifact.itemEmbeddings();
        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, Device.CPU)) {
            for (int pair = 0; pair < PAIRS; pair++) {
                float[] user = encoder.encode(List.of("noise-3", "noise-17", "lead-" + pair));
                int best = -1;
                float bestScore = Float.NEGATIVE_INFINITY;
                for (int row = 1; row < items.numRows(); row++) {
                    float s = items.dot(user, row);
                    if (s > bestScore) {
                        bestScore = s;
                        best = row;
                    }
                }
                assertEquals("follow-" + pair, artifact.vocabulary().idOf(best), "next item after lead-" + pair);
            }
        }
    }
}
