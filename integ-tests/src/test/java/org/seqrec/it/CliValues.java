package org.seqrec.it;

import java.nio.file.Path;

/**
 * Reading the values of the demo's and the benchmarks' command-line flags: each rejection is an
 * {@link IllegalArgumentException} naming the flag (the mains turn it into exit status 2).
 */
public final class CliValues {
    private CliValues() {}

    /**
     * The value of the flag at {@code args[i]} in {@code --name value} pairs: {@code args[i + 1]}.
     *
     * @throws IllegalArgumentException when it is missing ("--x needs a value"), or when
     *     {@code args[i]} is the last argument and no flag ("unexpected argument 'x'")
     */
    public static String valueAfter(String[] args, int i) {
        String name = args[i];
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(
                    name.startsWith("--") ? name + " needs a value" : "unexpected argument '" + name + "'");
        }
        return args[i + 1];
    }

    public static Path path(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a path");
        }
        return Path.of(value.trim());
    }

    public static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    public static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    public static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
