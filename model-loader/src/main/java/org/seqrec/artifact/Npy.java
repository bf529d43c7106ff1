package org.seqrec.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes float32 tensors in NumPy's {@code .npy} format (version 1.0, little-endian
 * {@code <f4}, C order), so that other tools (numpy.load, PyTorch) can read and write artifacts.
 * Format: magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header length, an
 * ASCII dict header padded with spaces to a multiple of 64 bytes and ending in a newline, then
 * the raw data.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static byte[] encode(FloatTensor tensor) {
        StringBuilder shape = new StringBuilder("(");
        for (long d : tensor.shape()) {
            shape.append(d).append(", ");
        }
        if (tensor.rank() > 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * tensor.data().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(tensor.data());
        return buf.array();
    }

    public static void write(FloatTensor tensor, OutputStream out) throws IOException {
        out.write(encode(tensor));
    }

    /**
     * Decodes one {@code .npy} payload.
     *
     * @param name the entry name, used in error messages
     * @throws ArtifactException when the bytes are not a little-endian float32 C-order array or
     *     are truncated
     */
    public static FloatTensor decode(String name, byte[] bytes) throws ArtifactException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new ArtifactException(name + ": too short to be a .npy array (" + bytes.length + " bytes)");
        }
        for (byte b : MAGIC) {
            if (buf.get() != b) {
                throw new ArtifactException(name + ": not a .npy array (bad magic)");
            }
        }
        int major = buf.get();
        buf.get();
        int headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buf.getShort());
        } else if (major == 2 || major == 3) {
            headerLength = buf.getInt();
        } else {
            throw new ArtifactException(name + ": unsupported .npy version " + major);
        }
        if (headerLength < 0 || headerLength > buf.remaining()) {
            throw new ArtifactException(name + ": truncated .npy header");
        }
        byte[] headerBytes = new byte[headerLength];
        buf.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.US_ASCII);
        String descr = group(DESCR, header, name, "descr");
        if (!descr.equals("<f4")) {
            throw new ArtifactException(
                    name + ": dtype '" + descr + "' is not supported, expected little-endian float32 '<f4'");
        }
        if (group(FORTRAN, header, name, "fortran_order").equals("True")) {
            throw new ArtifactException(name + ": Fortran-order arrays are not supported, write C order");
        }
        long[] shape = parseShape(group(SHAPE, header, name, "shape"), name);
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        if (count * 4 != buf.remaining()) {
            throw new ArtifactException(name + ": shape " + java.util.Arrays.toString(shape) + " needs " + count * 4
                    + " data bytes but the entry has " + buf.remaining() + " (truncated or corrupt)");
        }
        float[] data = new float[(int) count];
        buf.asFloatBuffer().get(data);
        return new FloatTensor(shape, data);
    }

    private static String group(Pattern p, String header, String name, String key) throws ArtifactException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new ArtifactException(name + ": .npy header has no '" + key + "'");
        }
        return m.group(1);
    }

    private static long[] parseShape(String s, String name) throws ArtifactException {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long d = Long.parseLong(t);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new ArtifactException(name + ": bad dimension '" + t + "' in .npy shape");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
