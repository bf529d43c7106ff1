package org.seqrec.encoder;

import java.util.Locale;

/**
 * What runs a network when it encodes on the CPU: {@code JAVA} (the default), the plain-Java forward
 * pass ({@code org.seqrec.nn.cpu}: last position only, no engine calls, several times faster per
 * history), or {@code DJL}, the PyTorch network the trainer trained. A GPU always runs DJL.
 */
public enum CpuInference {
    JAVA,
    DJL;

    /** Parses {@code java} or {@code djl} (any case). */
    public static CpuInference parse(String value) {
        return SettingNames.parse(CpuInference.class, "cpu inference", value);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
