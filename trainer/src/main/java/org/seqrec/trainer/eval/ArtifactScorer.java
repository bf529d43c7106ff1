package org.seqrec.trainer.eval;

import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.SequenceEncoder;

/**
 * Scores histories with a trained artifact the way the plugin does: the encoder turns each history
 * (as external item ids) into a user vector u of size D, and the score of item row r is
 * u . E[r] with E the artifact's item embeddings. Rows of the histories must be rows of the
 * artifact's vocabulary (read evaluation data with a frozen
 * {@link org.seqrec.trainer.data.ItemIndexer}).
 *
 * <p>Does not own the encoder: the caller closes it. Thread-safe if the encoder is.
 */
public final class ArtifactScorer implements BatchScorer {
    private final ItemEmbeddings embeddings;
    private final SequenceEncoder encoder;

    public ArtifactScorer(ModelArtifact artifact, SequenceEncoder encoder) {
        this.embeddings = artifact.itemEmbeddings();
        this.encoder = encoder;
    }

    @Override
    public float[][] score(int[][] historiesAsRows) {
        return dotAll(encoder.encodeRows(historiesAsRows));
    }

    @Override
    public float[][] score(int[][] historiesAsRows, int[][] timeCodes) {
        return dotAll(encoder.encodeRows(historiesAsRows, timeCodes));
    }

    private float[][] dotAll(float[][] users) {
        float[][] scores = new float[users.length][];
        for (int b = 0; b < users.length; b++) {
            scores[b] = embeddings.dotAll(users[b]);
        }
        return scores;
    }
}
