package org.seqrec.plugin.store;

import java.io.IOException;
import org.opensearch.core.common.bytes.BytesReference;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.plugin.model.DjlCalls;

/**
 * Full validation of an uploaded artifact before anything is stored: the reader's checks (zip
 * structure, manifest, checksums of every entry, shapes, finite values) and then building its
 * network on the CPU, which checks every parameter's name and shape against the model type's
 * hyper-parameters. Blocks (loads libtorch on first use): call it off the network threads.
 */
public final class ArtifactValidation {
    private ArtifactValidation() {}

    /**
     * @return the artifact, read
     * @throws IllegalArgumentException (400) saying what is wrong with it
     */
    public static ModelArtifact validate(BytesReference bytes) {
        ModelArtifact artifact;
        try {
            artifact = ModelArtifact.read(bytes.streamInput());
        } catch (ArtifactException e) {
            throw new IllegalArgumentException("invalid seqrec artifact: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable seqrec artifact: " + e.getMessage(), e);
        }
        try {
            DjlCalls.call(() -> {
                try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.CPU, CpuInference.DJL)) {
                    return encoder.deviceName();
                }
            });
        } catch (ArtifactException e) {
            throw new IllegalArgumentException("invalid seqrec artifact: " + e.getMessage(), e);
        }
        return artifact;
    }
}
