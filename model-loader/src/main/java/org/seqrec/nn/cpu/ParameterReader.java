package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seqrec.artifact.FloatTensor;

/**
 * Reads a network's named parameters (the names and shapes of the DJL networks in
 * {@code org.seqrec.nn}), checking each shape and that every value is finite, and remembering which
 * names were read so that {@link #checkAllRead} can reject parameters the network does not use.
 * Arrays are shared with the tensors, never copied or modified. One reader per network build.
 */
final class ParameterReader {
    private final Map<String, FloatTensor> tensors;
    private final MatMulKernel kernel;
    private final Set<String> read = new TreeSet<>();

    /** @param kernel what the {@link Dense} layers built from these parameters multiply with */
    ParameterReader(Map<String, FloatTensor> tensors, MatMulKernel kernel) {
        this.tensors = tensors;
        this.kernel = kernel;
    }

    MatMulKernel kernel() {
        return kernel;
    }

    /**
     * The data of {@code name}, row-major.
     *
     * @throws IllegalArgumentException when it is missing, has another shape or a non-finite value
     */
    float[] get(String name, long... shape) {
        FloatTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("network parameter '" + name + "' is missing");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + t.shapeString() + ", expected "
                    + Arrays.toString(shape) + " for these hyper-parameters");
        }
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("parameter '" + name + "' contains a non-finite value");
            }
        }
        read.add(name);
        return t.data();
    }

    /** {@code name.weight} (out, in) and {@code name.bias} (out). */
    Dense dense(String name, int in, int out) {
        return Dense.of(get(name + ".weight", out, in), get(name + ".bias", out), in, out, kernel);
    }

    /**
     * A GRU's input gates in PyTorch's layout: {@code prefix + "w_ih"} (3D, in) and
     * {@code prefix + "b_ih"} (3D), for D = {@code d}.
     */
    Dense gruInput(String prefix, int in, int d) {
        return Dense.of(get(prefix + "w_ih", 3L * d, in), get(prefix + "b_ih", 3L * d), in, 3 * d, kernel);
    }

    /** A GRU's recurrent gates: {@code prefix + "w_hh"} (3D, D) and {@code prefix + "b_hh"} (3D). */
    Dense gruRecurrent(String prefix, int d) {
        return Dense.of(get(prefix + "w_hh", 3L * d, d), get(prefix + "b_hh", 3L * d), d, 3 * d, kernel);
    }

    /** {@code name.gamma} and {@code name.beta} (d). */
    LayerNorm layerNorm(String name, int d) {
        return new LayerNorm(get(name + ".gamma", d), get(name + ".beta", d));
    }

    /** @throws IllegalArgumentException naming every parameter that was given but never read */
    void checkAllRead() {
        Set<String> extra = new TreeSet<>(tensors.keySet());
        extra.removeAll(read);
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("parameters the network does not use: " + extra);
        }
    }
}
