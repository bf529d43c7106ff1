/**
 * The networks of {@code org.seqrec.nn} at inference, in plain Java on the CPU: the same user
 * vectors as the DJL networks (within float rounding; the tests bound it by 1e-5), without engine
 * calls or native memory, computing only what the last position needs. Built from an artifact with
 * {@link org.seqrec.model.NetworkType#cpuNetwork}; one class per network type.
 *
 * <p>Every product runs on one {@code MatMulKernel}: a register-blocked kernel on the JDK's Vector
 * API where the JVM reads {@code jdk.incubator.vector} (a stock OpenSearch node's options add it),
 * else row additions {@code y[j] += a * w[j]} that HotSpot's C2 vectorises by itself. Both give
 * bit-identical results, so correctness never depends on JVM options. DJL stays the engine for
 * training and for GPUs.
 */
package org.seqrec.nn.cpu;
