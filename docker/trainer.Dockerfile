# The seqrec trainer (seqrec-trainer CLI: train, evaluate, inspect, generate, upload, benchmark) on a
# JRE, with data and models in the volume /work.
#
# Build from the repository root, after `mvn -B package -DskipTests` wrote the trainer's jar and its
# lib/ folder:
#   docker build -f docker/trainer.Dockerfile -t seqrec/trainer:0.1.0-SNAPSHOT .
# The build context is filtered by trainer.Dockerfile.dockerignore.
#
# The version below is checked against the build by integ-tests (DockerFilesTests).
FROM eclipse-temurin:21-jre

ARG SEQREC_VERSION=0.1.0-SNAPSHOT

# The trainer's runtime classpath (picocli, DJL, PyTorch's CPU library, ...) and its own jar.
COPY trainer/target/lib/ /opt/seqrec-trainer/lib/
COPY trainer/target/seqrec-trainer-${SEQREC_VERSION}.jar /opt/seqrec-trainer/seqrec-trainer.jar
COPY --chmod=755 docker/trainer/seqrec-trainer /usr/local/bin/seqrec-trainer

# An unprivileged user owning the work folder; DJL extracts libtorch into /work/.djl.ai once.
RUN useradd --create-home --shell /usr/sbin/nologin seqrec \
    && mkdir -p /work \
    && chown seqrec:seqrec /work
USER seqrec
ENV DJL_CACHE_DIR=/work/.djl.ai
WORKDIR /work
VOLUME ["/work"]

ENTRYPOINT ["seqrec-trainer"]
CMD ["--help"]
