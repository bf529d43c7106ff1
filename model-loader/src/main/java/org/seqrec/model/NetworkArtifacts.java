package org.seqrec.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.Networks;

/** What reading any network's artifact shares, retrieval ({@link NetworkType}) or ranking ({@link RankingType}). */
final class NetworkArtifacts {
    private NetworkArtifacts() {}

    /** @throws ArtifactException when the manifest's sizes disagree with its hyper-parameters */
    static void checkSizes(Manifest manifest, int dim, int maxLen) throws ArtifactException {
        if (manifest.embeddingDim() != dim || manifest.maxSeqLen() != maxLen) {
            throw new ArtifactException("manifest embedding_dim/max_seq_len (" + manifest.embeddingDim() + "/"
                    + manifest.maxSeqLen() + ") disagree with hyper_parameters dim/max_len (" + dim + "/" + maxLen
                    + ")");
        }
    }

    /** Every parameter tensor by its DJL name, the item embedding included; arrays shared. */
    static Map<String, FloatTensor> parameters(ModelArtifact artifact) {
        Map<String, FloatTensor> parameters = new LinkedHashMap<>(artifact.parameters());
        parameters.put(Networks.ITEM_EMBEDDING, artifact.itemEmbeddings().asTensor());
        return parameters;
    }
}
