package org.seqrec.trainer.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr over the bytes of an upload, in MiB with speed and ETA; once every
 * byte is sent it says it waits for the cluster (which validates and stores the artifact before
 * it answers). {@link #sent} may be called from any thread; {@link #close()} ends the bar. A
 * disabled instance does nothing.
 */
final class UploadProgress implements AutoCloseable {
    /** Files smaller than this upload too fast for a bar to help. */
    static final long MIN_BYTES_FOR_BAR = 1L << 20;

    private final ProgressBar bar;
    private final long size;

    private UploadProgress(ProgressBar bar, long size) {
        this.bar = bar;
        this.size = size;
    }

    /**
     * @param size file size in bytes
     * @param wanted false with {@code --no-progress}
     * @param terminal whether stderr is an interactive terminal (a bar in a log file is noise)
     */
    static UploadProgress start(long size, boolean wanted, boolean terminal) {
        if (!wanted || !terminal || size < MIN_BYTES_FOR_BAR) {
            return new UploadProgress(null, size);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("upload")
                .setInitialMax(size)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MiB", 1L << 20)
                .setUpdateIntervalMillis(250)
                .setMaxRenderedLength(120)
                .showSpeed()
                .build();
        return new UploadProgress(bar, size);
    }

    /** @param bytes bytes sent so far */
    void sent(long bytes) {
        if (bar == null) {
            return;
        }
        bar.stepTo(bytes);
        if (bytes >= size) {
            bar.setExtraMessage(" sent, waiting for the cluster");
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
