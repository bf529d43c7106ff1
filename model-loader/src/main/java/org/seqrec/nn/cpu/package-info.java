/**
 * The networks of {@code org.seqrec.nn} at inference, in plain Java on the CPU: the same user
 * vectors as the DJL networks (within float rounding; the tests bound it by 1e-5), without engine
 * calls or native memory, computing only what the last position needs. Built from an artifact with
 * {@link org.seqrec.nn.cpu.CpuNetworks#fromArtifact}; one class per network type.
 *
 * <p>The arithmetic is written as row additions {@code y[j] += a * w[j]} over arrays of their own,
 * which HotSpot's C2 vectorises (AVX2, AVX-512) with a stock node's JVM options; nothing needs the
 * incubating vector API. DJL stays the engine for training and for GPUs.
 */
package org.seqrec.nn.cpu;
