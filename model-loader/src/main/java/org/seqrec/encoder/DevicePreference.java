package org.seqrec.encoder;

import java.util.Locale;

/** Where inference runs: {@code AUTO} picks a GPU when DJL finds one, else the CPU. */
public enum DevicePreference {
    AUTO,
    CPU,
    GPU;

    /** Parses {@code auto}, {@code cpu} or {@code gpu} (any case). */
    public static DevicePreference parse(String value) {
        return SettingNames.parse(DevicePreference.class, "device", value);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
