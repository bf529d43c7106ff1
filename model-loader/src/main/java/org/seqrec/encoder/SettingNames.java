package org.seqrec.encoder;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing of the encoder's option enums from their lower-case names, as settings and flags spell them. */
final class SettingNames {
    private SettingNames() {}

    /**
     * The constant of {@code type} named {@code value} (any case, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming {@code what} and the allowed names
     */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
        }
        String names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(what + " must be one of " + names + "; got '" + value + "'");
    }
}
