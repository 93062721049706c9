# The packaged operator: Quarkus' fast-jar layout (target/quarkus-app) on a Java 17 runtime.
#   ./mvnw -B package -DskipTests && docker build -t <registry>/slipway-operator:<tag> .
# It runs as uid/gid 185, the runAsUser/runAsGroup of charts/slipway and deploy/, and writes nothing outside /tmp,
# which both mount as an emptyDir under a read-only root filesystem. DockerfileTest keeps these in step.
# Not built by CI (no container engine on the build machines). Pin the base image by digest for a release.
FROM eclipse-temurin:17-jre

# Owned by root and not writable by the operator's user: the operator cannot change its own code.
# Layers from the least to the most often changed: dependencies, then Quarkus' bootstrap, then Slipway itself.
COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
COPY target/quarkus-app/quarkus/ /deployments/quarkus/
COPY target/quarkus-app/app/ /deployments/app/

# uid 185 has no home directory in this image; whatever looks for one (JVM, Fabric8's ~/.kube) finds /tmp.
ENV HOME=/tmp \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

USER 185:185
WORKDIR /deployments
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
