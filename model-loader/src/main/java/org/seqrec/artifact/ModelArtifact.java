package org.seqrec.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained model as stored in one {@code NAME.seqrec} file: manifest, item vocabulary, network
 * parameters and the item embedding matrix. Immutable once built; holds only heap memory.
 *
 * <p>Network parameters are named tensors; the item embedding matrix is stored once, as
 * {@code item_embeddings.npy}, and networks that tie input and output embeddings read it from
 * there. The counting baselines ({@link CountModels}) use the same parts: a (n + 1, 1) matrix, or
 * identity embeddings (not stored) with {@link TransitionCounts} as parameters. The byte
 * layout is specified in docs/artifact-format.md.
 */
public final class ModelArtifact {
    private final Manifest manifest;
    private final ItemVocabulary vocabulary;
    private final Map<String, FloatTensor> parameters;
    private final ItemEmbeddings itemEmbeddings;
    private final FeatureModel features;

    ModelArtifact(
            Manifest manifest,
            ItemVocabulary vocabulary,
            Map<String, FloatTensor> parameters,
            ItemEmbeddings itemEmbeddings,
            FeatureModel features) {
        this.manifest = manifest;
        this.vocabulary = vocabulary;
        this.parameters = Map.copyOf(parameters);
        this.itemEmbeddings = itemEmbeddings;
        this.features = features;
    }

    public Manifest manifest() {
        return manifest;
    }

    public ItemVocabulary vocabulary() {
        return vocabulary;
    }

    public ItemEmbeddings itemEmbeddings() {
        return itemEmbeddings;
    }

    /**
     * The item features and feature embeddings of a model trained with them (docs/artifact-format.md,
     * "Item features"); empty otherwise. The item embeddings already include the features of known
     * items; these serve items the model has not seen ({@link FeatureModel#embedValues}).
     */
    public Optional<FeatureModel> features() {
        return Optional.ofNullable(features);
    }

    /** Network parameters by name (excluding the item embedding matrix). */
    public Map<String, FloatTensor> parameters() {
        return parameters;
    }

    /** The same model with a new manifest (e.g. with evaluation metrics added). */
    public ModelArtifact withManifest(Manifest newManifest) {
        return new ModelArtifact(newManifest, vocabulary, parameters, itemEmbeddings, features);
    }

    /**
     * The same model with another feature table for new items: {@code newFeatures} must describe the
     * same features (fields, vocabulary, each item's values) with a table of the same shape.
     *
     * @throws IllegalStateException for a model without features
     * @throws IllegalArgumentException when the features or the table's shape differ
     */
    public ModelArtifact withFeatures(FeatureModel newFeatures) {
        if (features == null) {
            throw new IllegalStateException("the model has no item features");
        }
        if (!Arrays.equals(
                        features.embeddings().shape(), newFeatures.embeddings().shape())
                || !new FeatureModel(features.features(), newFeatures.embeddings()).equals(newFeatures)) {
            throw new IllegalArgumentException("the new feature table must keep the model's features and shape "
                    + features.embeddings().shapeString());
        }
        return new ModelArtifact(manifest, vocabulary, parameters, itemEmbeddings, newFeatures);
    }

    /** Reads and fully validates an artifact file. */
    public static ModelArtifact read(Path file) throws ArtifactException {
        return ArtifactReader.read(file);
    }

    /** Reads and fully validates an artifact from a stream (e.g. an upload); does not close it. */
    public static ModelArtifact read(InputStream in) throws ArtifactException {
        return ArtifactReader.read(in);
    }

    /** Writes the artifact atomically (a temporary file renamed into place), with fresh checksums. */
    public void write(Path file) throws IOException {
        ArtifactWriter.write(this, file);
    }

    /** The artifact's file content (as {@link #write} writes it), in memory. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ArtifactWriter.write(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles an artifact; {@link #build()} checks that the parts agree with the manifest. */
    public static final class Builder {
        private Manifest manifest;
        private ItemVocabulary vocabulary;
        private final Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        private FloatTensor itemEmbeddings;
        private boolean identity;
        private FeatureModel features;

        public Builder setManifest(Manifest manifest) {
            this.manifest = manifest;
            return this;
        }

        public Builder setVocabulary(ItemVocabulary vocabulary) {
            this.vocabulary = vocabulary;
            return this;
        }

        /** The matrix E, (num_items + 1, embedding_dim). */
        public Builder setItemEmbeddings(FloatTensor itemEmbeddings) {
            this.itemEmbeddings = itemEmbeddings;
            this.identity = false;
            return this;
        }

        /**
         * Identity item embeddings ({@link ItemEmbeddings#identity}, num_items + 1 rows), for a manifest
         * with {@code hyper_parameters.item_embeddings = "identity"}.
         */
        public Builder setIdentityItemEmbeddings() {
            this.itemEmbeddings = null;
            this.identity = true;
            return this;
        }

        /** Item features; the manifest must declare them (docs/artifact-format.md, "Item features"). */
        public Builder setFeatures(FeatureModel features) {
            this.features = features;
            return this;
        }

        public Builder addParameter(String name, FloatTensor value) {
            if (!name.matches("[A-Za-z0-9_.]+")) {
                throw new IllegalArgumentException("parameter name '" + name + "' must match [A-Za-z0-9_.]+");
            }
            parameters.put(name, value);
            return this;
        }

        public ModelArtifact build() {
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(vocabulary, "vocabulary");
            if (!identity) {
                Objects.requireNonNull(itemEmbeddings, "itemEmbeddings");
            }
            try {
                ItemEmbeddings embeddings = identity
                        ? ItemEmbeddings.identity(manifest.numItems() + 1)
                        : new ItemEmbeddings(itemEmbeddings);
                ArtifactReader.checkConsistent(manifest, vocabulary, embeddings);
                CountModels.check(manifest, embeddings, parameters);
                FeatureEntries.checkConsistent(manifest, features);
                return new ModelArtifact(manifest, vocabulary, parameters, embeddings, features);
            } catch (ArtifactException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
