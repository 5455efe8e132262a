# syntax=docker/dockerfile:1
# The Voxify application image: one image for every node; VOXIFY_ROLE (all | api | worker) and
# VOXIFY_PROFILE (empty: embedded SQLite; infra: the real servers) choose what a container does.
# docker-compose.yml runs it on the infra profile as two API and two worker nodes.

# ---- build: the reactor with Maven on JDK 17 ----------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
# The local Maven repository is a BuildKit cache mount: dependencies are downloaded once and reused
# by every later build of this image, whatever changed in the sources.
RUN --mount=type=cache,id=voxify-m2,target=/root/.m2 \
    mvn -B -DskipTests package \
 && cp gateway/target/voxify.jar /voxify.jar

# ---- runtime: JRE 17 with the native speech engines -------------------------------------------
# Temurin's JRE on Ubuntu 24.04: flite and espeak-ng are loaded through JNA from the distribution's
# packages (the same names as on Debian). curl is only for the health check (the base image
# ships it already; naming it keeps the check working if that ever changes).
FROM eclipse-temurin:17-jre-noble
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        flite libflite1 espeak-ng libespeak-ng1 curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 voxify \
 && useradd --system --uid 10001 --gid voxify --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin voxify \
 && mkdir -p /app /data \
 && chown voxify:voxify /data

COPY --from=build /voxify.jar /app/voxify.jar

# /data: the node's own files (espeak-ng voice variants; on the embedded profile also the SQLite
# database, blobs and the generated signing key). A fresh named volume takes this directory's
# owner, so the non-root user can write to it.
ENV VOXIFY_DATA_DIR=/data \
    PORT=5000 \
    AXONIQ_UPDATE_CHECKER_DISABLED=true
VOLUME ["/data"]
WORKDIR /data
USER voxify:voxify
EXPOSE 5000

# Ready means started and able to take traffic (worker nodes answer it too).
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/actuator/health/readiness" || exit 1

# JVM flags for a container: size the heap from the container's memory limit, and let a node that
# ran out of memory die so its restart policy brings it back. Add others with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/voxify.jar"]
