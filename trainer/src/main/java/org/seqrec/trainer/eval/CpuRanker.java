package org.seqrec.trainer.eval;

import java.util.stream.IntStream;
import org.seqrec.nn.cpu.CpuRankingNetwork;

/**
 * Scores candidates with a ranking network's plain-Java pass, as the plugin's rescorer does; the
 * histories of a batch are scored in parallel on the common pool. Thread-safe.
 */
public final class CpuRanker implements CandidateScorer {
    private final CpuRankingNetwork network;

    public CpuRanker(CpuRankingNetwork network) {
        this.network = network;
    }

    @Override
    public float[][] scoreCandidates(int[][] histories, int[][] candidates) {
        if (histories.length != candidates.length) {
            throw new IllegalArgumentException(
                    histories.length + " histories but " + candidates.length + " candidate lists");
        }
        float[][] out = new float[histories.length][];
        IntStream.range(0, histories.length)
                .parallel()
                .forEach(b -> out[b] = network.scores(histories[b], candidates[b]));
        return out;
    }
}
