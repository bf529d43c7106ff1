package org.seqrec.trainer.train.checkpoint;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.Networks;

/** Copies between live arrays and Java-heap tensors (best-epoch snapshots, checkpoints, Adam's moments). Stateless. */
public final class ParameterCopy {
    private ParameterCopy() {}

    /** Heap copies of every array, by name. */
    public static Map<String, FloatTensor> snapshot(Map<String, NDArray> arrays) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> out.put(name, Networks.toTensor(a)));
        return out;
    }

    /** Overwrites every array with the tensor of the same name, in place. */
    public static void restore(Map<String, NDArray> arrays, Map<String, FloatTensor> tensors) {
        arrays.forEach((name, a) -> into(a, tensors.get(name), name));
    }

    /** Writes {@code source} into {@code target} in place; IllegalArgumentException if absent or misshapen. */
    public static void into(NDArray target, FloatTensor source, String name) {
        if (source == null) {
            throw new IllegalArgumentException("checkpoint lacks '" + name + "'");
        }
        if (!Arrays.equals(source.shape(), target.getShape().getShape())) {
            throw new IllegalArgumentException("checkpoint has '" + name + "' of shape " + source.shapeString()
                    + ", the network expects " + target.getShape());
        }
        target.set(source.data());
    }
}
