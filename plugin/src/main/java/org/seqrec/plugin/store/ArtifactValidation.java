package org.seqrec.plugin.store;

import java.io.IOException;
import org.opensearch.core.common.bytes.BytesReference;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.CountingType;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.NetworkType;
import org.seqrec.model.RankingType;

/**
 * Full validation of an uploaded artifact before anything is stored: the reader's checks (zip
 * structure, manifest, checksums of every entry, shapes, finite values) and then building what
 * serves it: a network's plain-Java forward pass ({@link NetworkType#cpuNetwork}), which checks
 * every parameter's name and shape against the model type's hyper-parameters and refuses
 * parameters the network does not use, exactly the names and shapes the DJL network reads (the
 * model-loader's tests hold the two passes equal); a counting model's user states. No engine is
 * loaded, so a node never loads libtorch to validate an upload, and nothing native is allocated.
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
            switch (ModelTypes.of(artifact.manifest())) {
                case NetworkType network -> network.cpuNetwork(artifact);
                case CountingType counting -> counting.userStates(artifact).close();
                case RankingType ranking -> ranking.cpuNetwork(artifact);
            }
        } catch (ArtifactException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid seqrec artifact: " + e.getMessage(), e);
        }
        return artifact;
    }
}
