package org.seqrec.nn.cpu;

import java.time.Duration;
import org.seqrec.nn.TimeCodes;

/**
 * What every CPU network shares: warming the forward pass up before real requests, and the name of
 * the matrix kernel this JVM runs. The networks themselves are built through the model type
 * registry ({@code org.seqrec.model.NetworkType#cpuNetwork}), which knows each type's class.
 */
public final class CpuNetworks {
    private CpuNetworks() {}

    /**
     * Encodes synthetic full-length histories until {@code calls} are done or {@code budget} has passed,
     * so that HotSpot compiles the forward pass before real requests need it: until C2 has compiled
     * them, the kernels run interpreted or in C1 code, up to 100 times slower (the Vector API kernel
     * most of all: interpreted, each vector operation allocates); about 1,000 to 3,000 encodes of one
     * model type compile them for the whole JVM (docs/benchmarks.md, "Encode microbenchmark"). Call it
     * once when a model loads, off the search threads.
     *
     * @return the encodes done
     */
    public static int warmUp(CpuSequenceNetwork network, int calls, Duration budget) {
        int len = network.maxLen();
        int items = network.config().numItems();
        int[] history = new int[len];
        for (int i = 0; i < len; i++) {
            history[i] = 1 + i % items;
        }
        int[][] codes = network.readsTimes() ? new int[][] {new int[len]} : null;
        long end = System.nanoTime() + budget.toNanos();
        int done = 0;
        while (done < calls && System.nanoTime() < end) {
            // vary the last item, so that no value is ever constant to the compiler
            history[len - 1] = 1 + done % items;
            if (codes != null) {
                for (int i = 0; i < len; i++) {
                    codes[0][i] = TimeCodes.code(0, (i + done) % 100_000);
                }
                network.userVectors(new int[][] {history}, codes);
            } else {
                network.userVector(history);
            }
            done++;
        }
        return done;
    }

    /**
     * Which matrix kernel this JVM's CPU networks use, for logs and stats: {@code Vector API (512-bit)}
     * (the width of the machine's preferred vectors) when the JVM reads {@code jdk.incubator.vector} (a
     * stock OpenSearch node does), else {@code portable (C2 auto-vectorised)}.
     */
    public static String kernelDescription() {
        return MatMulKernel.DEFAULT.description();
    }
}
