package org.seqrec.nn.cpu;

/**
 * How a {@link Dense} layer (and attention, {@link TransformerStack}) multiplies:
 * {@code y[r][from..to) = (b + sum_(i < in) x[r][xOff + i] W^T[i])[from..to)} for rows r in
 * {@code [rowFrom, rowTo)}, with W^T the (in, out) transposed weights (rows past {@code in} unread). Two
 * implementations, chosen once per JVM ({@link #DEFAULT}):
 * <ul>
 *   <li>{@link VectorApiKernel}, when the JVM reads the incubating module {@code jdk.incubator.vector}
 *       (OpenSearch's stock {@code jvm.options} add it for JDK 20+, for Lucene): a register-blocked
 *       kernel, 4 rows by 2 vectors of accumulators held across the whole sum;
 *   <li>{@link PortableKernel} otherwise (or with {@code -Dseqrec.cpu.vector_api=false}): row additions
 *       {@code y[j] += a * W^T[i][j]} that HotSpot's C2 vectorises on its own.
 * </ul>
 * Both add the same products in the same order, so they give bit-identical results. Stateless and
 * thread-safe.
 */
abstract class MatMulKernel {
    /** System property that turns the Vector API kernel off ({@code false}). */
    static final String VECTOR_API_PROPERTY = "seqrec.cpu.vector_api";

    /** The kernel this JVM uses. */
    static final MatMulKernel DEFAULT = choose();

    /** The rows form; y rows are not x rows. */
    abstract void rows(
            float[][] weightT,
            int in,
            float[] bias,
            float[][] x,
            int xOff,
            float[][] y,
            int rowFrom,
            int rowTo,
            int from,
            int to);

    /** One row. */
    abstract void row(float[][] weightT, int in, float[] bias, float[] x, int xOff, float[] y, int from, int to);

    /** Rows per panel of {@link #panel}: a multiple of every vector length the Vector API kernel takes on. */
    static final int PANEL = 32;

    /**
     * The inner products of {@code query} with the {@value #PANEL} rows of one panel of a row-panel
     * matrix: {@code out[outOff + j] = sum_(i < dim) query[i] * panels[base + i * PANEL + j]}, summed
     * from 0f with i ascending (the order of a plain dot-product loop), for j in {@code [0, PANEL)}.
     * The panel is {@code dim * PANEL} consecutive floats, component by component, so the whole scan
     * reads one array front to back.
     */
    abstract void panel(float[] panels, int base, int dim, float[] query, float[] out, int outOff);

    /**
     * The first index j in {@code [from, to)} with {@code values[j] > threshold}, or {@code to}; NaN
     * is never above.
     */
    abstract int nextAbove(float[] values, int from, int to, float threshold);

    /** Says which kernel this is, e.g. {@code Vector API (512-bit)}. */
    abstract String description();

    /** The portable kernel, whatever the JVM. */
    static MatMulKernel portable() {
        return PortableKernel.INSTANCE;
    }

    /**
     * The Vector API kernel, or null when the JVM does not read {@code jdk.incubator.vector}, its
     * preferred vectors hold fewer than 4 floats, or it fails its self-check.
     */
    static MatMulKernel vectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            // Loaded by name: its class refers to jdk.incubator.vector, which may not be resolvable
            MatMulKernel k = (MatMulKernel) Class.forName("org.seqrec.nn.cpu.VectorApiKernel")
                    .getDeclaredConstructor()
                    .newInstance();
            return agreesWithPortable(k) ? k : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static MatMulKernel choose() {
        if (!Boolean.parseBoolean(System.getProperty(VECTOR_API_PROPERTY, "true"))) {
            return portable();
        }
        MatMulKernel k = vectorApi();
        return k != null ? k : portable();
    }

    /** A 7 x 37 by 37 x 45 product (every tile and tail) equals the portable kernel's. */
    private static boolean agreesWithPortable(MatMulKernel k) {
        int in = 37;
        int out = 45;
        float[][] w = new float[in][out];
        float[] b = new float[out];
        float[][] x = new float[7][in + 3];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                w[i][j] = ((i * 31 + j * 17) % 23 - 11) / 16f;
            }
            for (float[] row : x) {
                row[3 + i] = ((i * 13 + row.length) % 19 - 9) / 8f;
            }
        }
        for (int j = 0; j < out; j++) {
            b[j] = (j % 5 - 2) / 4f;
        }
        float[][] expected = new float[7][out];
        float[][] actual = new float[7][out];
        portable().rows(w, in, b, x, 3, expected, 0, 7, 2, out);
        k.rows(w, in, b, x, 3, actual, 0, 7, 2, out);
        for (int r = 0; r < 7; r++) {
            for (int j = 2; j < out; j++) {
                if (expected[r][j] != actual[r][j]) {
                    return false;
                }
            }
        }
        return true;
    }
}
