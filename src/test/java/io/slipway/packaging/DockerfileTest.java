package io.slipway.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.slipway.crd.GeneratedCrds;
import io.slipway.testing.OperatorProcess;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile runs the operator the way the chart's and deploy/'s Deployments expect: as their user, on their
 * port, writing only where they give it a writable volume (the root filesystem is read-only), and from the fast-jar
 * layout that the tests run. The image itself cannot be built here (no container engine).
 */
class DockerfileTest {
    private static final Path ROOT = GeneratedCrds.projectRoot();
    private static final String APP_DIR = "target/quarkus-app/";
    private static final Pattern TMPDIR = Pattern.compile("-Djava\\.io\\.tmpdir=(\\S+)");

    private final Dockerfile dockerfile = Dockerfile.read();

    static Stream<Named<JsonNode>> deployments() throws IOException {
        JsonNode plain = Manifests.parse(Files.readString(ROOT.resolve("deploy/deployment.yaml"))).single("Deployment");
        JsonNode chart = Manifests.parse(new Helm(ROOT.resolve("charts/slipway")).template()
                .withName("slipway").withNamespace("slipway-system").withKubeVersion("1.32.0").call())
                .single("Deployment");
        return Stream.of(Named.of("deploy/deployment.yaml", plain), Named.of("chart defaults", chart));
    }

    @Test
    void baseImageIsAJava17Runtime() {
        assertThat(dockerfile.all("FROM")).as("one stage").hasSize(1);
        assertThat(dockerfile.last("FROM")).containsPattern("[:-]17(\\D|$)").containsIgnoringCase("jre");
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void runsAsThePodsNumericNonRootUser(JsonNode deployment) {
        JsonNode pod = deployment.at("/spec/template/spec/securityContext");
        String user = dockerfile.last("USER");
        // runAsNonRoot can only be verified by the kubelet for a numeric USER
        assertThat(user).matches("[0-9]+:[0-9]+").doesNotStartWith("0:");
        assertThat(user).isEqualTo(pod.path("runAsUser").asInt() + ":" + pod.path("runAsGroup").asInt());
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void writesOnlyToThePodsWritableVolumes(JsonNode deployment) {
        JsonNode container = Manifests.container(deployment);
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        List<String> writable = writableMounts(deployment);
        assertThat(writable).as("writable mounts").isNotEmpty();

        Map<String, String> env = dockerfile.env();
        List<String> tmpDirs = new ArrayList<>();
        tmpDirs.add(tmpdir(env.getOrDefault("JAVA_TOOL_OPTIONS", ""), "the Dockerfile's JAVA_TOOL_OPTIONS"));
        tmpDirs.add(tmpdir(Manifests.env(deployment, "JAVA_TOOL_OPTIONS").map(e -> e.path("value").asText()).orElse(""),
                "the Deployment's JAVA_TOOL_OPTIONS"));
        assertThat(env).containsKey("HOME");
        for (String dir : concat(tmpDirs, env.get("HOME"))) {
            assertThat(writable).as("%s is on a writable volume", dir).anyMatch(m -> dir.equals(m) || dir.startsWith(m + "/"));
        }
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void exposesTheContainersHttpPort(JsonNode deployment) {
        JsonNode http = null;
        for (JsonNode port : Manifests.container(deployment).path("ports")) {
            if (port.path("name").asText().equals("http")) {
                http = port;
            }
        }
        assertThat(http).as("port named http").isNotNull();
        assertThat(dockerfile.last("EXPOSE")).isEqualTo(String.valueOf(http.path("containerPort").asInt()));
    }

    /** quarkus-run.jar finds lib/, quarkus/ and app/ beside itself: the image keeps the layout it copies. */
    @Test
    void runsThePackagedAppInItsFastJarLayout() {
        List<String> entrypoint = dockerfile.all("ENTRYPOINT").get(0).words();
        assertThat(entrypoint).hasSize(3).startsWith("java", "-jar");
        String jar = entrypoint.get(2);
        String appDir = jar.substring(0, jar.lastIndexOf('/') + 1);

        Map<String, String> copies = dockerfile.copies();
        assertThat(copies).containsEntry(OperatorProcess.APP.toString().replace('\\', '/'), jar);
        assertThat(copies.keySet()).containsExactlyInAnyOrder(
                APP_DIR + "lib/", APP_DIR + "quarkus-run.jar", APP_DIR + "quarkus/", APP_DIR + "app/");
        copies.forEach((source, destination) ->
                assertThat(destination).as(source).isEqualTo(appDir + source.substring(APP_DIR.length())));
    }

    @Test
    void dockerignoreLetsEveryCopiedPathThrough() throws IOException {
        List<String> rules = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules).as("everything else stays out of the build context").first().isEqualTo("*");
        List<String> included = rules.stream().filter(r -> r.startsWith("!")).map(r -> r.substring(1)).toList();
        for (String source : dockerfile.copies().keySet()) {
            assertThat(included).as(source + " is sent to the builder").anyMatch(source::startsWith);
        }
    }

    private static List<String> writableMounts(JsonNode deployment) {
        List<String> emptyDirs = new ArrayList<>();
        for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
            if (volume.has("emptyDir")) {
                emptyDirs.add(volume.path("name").asText());
            }
        }
        List<String> mounts = new ArrayList<>();
        for (JsonNode mount : Manifests.container(deployment).path("volumeMounts")) {
            if (emptyDirs.contains(mount.path("name").asText()) && !mount.path("readOnly").asBoolean()) {
                mounts.add(mount.path("mountPath").asText());
            }
        }
        return mounts;
    }

    private static String tmpdir(String javaToolOptions, String where) {
        Matcher m = TMPDIR.matcher(javaToolOptions);
        assertThat(m.find()).as("%s sets -Djava.io.tmpdir: %s", where, javaToolOptions).isTrue();
        return m.group(1);
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }
}
