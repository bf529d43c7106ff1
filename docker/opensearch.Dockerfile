# OpenSearch with the seqrec plugin installed, built FROM the official image of the OpenSearch
# version the plugin is built against (root pom.xml: opensearch.version).
#
# Build from the repository root, after `mvn -B package -DskipTests` wrote the plugin zip:
#   docker build -f docker/opensearch.Dockerfile -t seqrec/opensearch:3.8.0-0.1.0-SNAPSHOT .
# (docker compose -f docker/compose.yaml build does the same; see docker/README.md). The build
# context is filtered by opensearch.Dockerfile.dockerignore: only the plugin zip is sent.
#
# The target `gpu` adds a CUDA build of libtorch for plugins.seqrec.device: gpu (docker/README.md,
# "GPU"); the default target does not need it and never reads it.
#
# The versions below are checked against the build by integ-tests (DockerFilesTests).
ARG OPENSEARCH_VERSION=3.8.0
FROM opensearchproject/opensearch:${OPENSEARCH_VERSION} AS cpu

ARG SEQREC_VERSION=0.1.0-SNAPSHOT

# Everything the plugin needs at run time is in its zip: its jars, DJL and PyTorch's CPU library
# (extracted on first use into <data>/nodes/0/seqrec/djl-cache, on the node's data volume), and
# hnswlib's native library. Only hnswlib's needs a system library, the C++ runtime (libstdc++.so.6),
# which the image already has for its bundled plugins: checked here rather than installed.
COPY --chown=1000:1000 plugin/target/seqrec-plugin-${SEQREC_VERSION}.zip /tmp/seqrec-plugin.zip
RUN /usr/sbin/ldconfig -p | grep -q 'libstdc++\.so\.6' \
    && /usr/share/opensearch/bin/opensearch-plugin install --batch file:///tmp/seqrec-plugin.zip \
    && rm /tmp/seqrec-plugin.zip

# Folder for model files (config/seqrec/models/<model_id>.seqrec); models uploaded with
# PUT _plugins/_seqrec/models/<id> live in the cluster instead and need nothing here.
RUN mkdir -p /usr/share/opensearch/config/seqrec/models

# GPU: libtorch 2.7.1 for CUDA 12.8 (the flavour DJL 0.35.1's JNI library exists for: cu128),
# unpacked by you into docker/libtorch-cu128/ (the zip from pytorch.org holds one folder, libtorch/).
# The node hands it to DJL as JVM system properties (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION,
# PYTORCH_FLAVOR: compose.gpu.yaml), which the plugin's security policy lets it read.
FROM cpu AS gpu
COPY --chown=1000:1000 docker/libtorch-cu128/libtorch/ /opt/libtorch/

# the default target: the CPU image
FROM cpu
