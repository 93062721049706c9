package io.slipway.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubernetes manifests parsed as YAML trees, and the checks that deploy/ and the Helm chart share. */
final class Manifests {
    private static final YAMLFactory YAML_FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML_FACTORY);

    private final List<JsonNode> documents;

    private Manifests(List<JsonNode> documents) {
        this.documents = documents;
    }

    /** Parses every document of a multi-document YAML stream; empty documents are skipped. */
    static Manifests parse(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = YAML_FACTORY.createParser(yaml);
             MappingIterator<JsonNode> it = MAPPER.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(docs);
    }

    static Manifests concat(List<Manifests> parts) {
        List<JsonNode> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.documents));
        return new Manifests(all);
    }

    List<JsonNode> all() {
        return documents;
    }

    List<String> kinds() {
        return documents.stream().map(d -> d.path("kind").asText()).toList();
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    JsonNode single(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertThat(found).as("exactly one " + kind + " among " + kinds()).hasSize(1);
        return found.get(0);
    }

    Optional<JsonNode> named(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst();
    }

    /** All RBAC rules of Roles and ClusterRoles. */
    List<JsonNode> rbacRules() {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asText();
            if (kind.equals("Role") || kind.equals("ClusterRole")) {
                doc.path("rules").forEach(rules::add);
            }
        }
        return rules;
    }

    /** No RBAC rule grants a wildcard verb, resource or API group. */
    void assertNoWildcards() {
        for (JsonNode rule : rbacRules()) {
            for (String field : List.of("verbs", "resources", "apiGroups", "resourceNames", "nonResourceURLs")) {
                assertThat(texts(rule.path(field))).as("%s of %s", field, rule).doesNotContain("*")
                        .noneMatch(v -> v.endsWith("/*"));
            }
        }
    }

    /** The verbs granted on one API group and resource, over all rules. */
    List<String> verbs(String apiGroup, String resource) {
        return rbacRules().stream()
                .filter(r -> texts(r.path("apiGroups")).contains(apiGroup) && texts(r.path("resources")).contains(resource))
                .flatMap(r -> texts(r.path("verbs")).stream())
                .distinct().sorted().toList();
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static JsonNode container(JsonNode deployment) {
        ArrayNode containers = (ArrayNode) deployment.at("/spec/template/spec/containers");
        assertThat(containers).as("containers").hasSize(1);
        return containers.get(0);
    }

    static Optional<JsonNode> env(JsonNode deployment, String name) {
        for (JsonNode env : container(deployment).path("env")) {
            if (name.equals(env.path("name").asText())) {
                return Optional.of(env);
            }
        }
        return Optional.empty();
    }

    /** Non-root, read-only root filesystem with a writable /tmp, no capabilities, probes on /q/health, resources. */
    static void assertHardened(JsonNode deployment) {
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode c = container(deployment);
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as("pod runAsNonRoot").isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        JsonNode sc = c.path("securityContext");
        assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                .as("allowPrivilegeEscalation: false").isTrue();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("readOnlyRootFilesystem").isTrue();
        assertThat(sc.path("runAsNonRoot").asBoolean()).as("container runAsNonRoot").isTrue();
        assertThat(texts(sc.at("/capabilities/drop"))).containsExactly("ALL");
        assertThat(sc.at("/capabilities/add").isMissingNode()).as("no added capabilities").isTrue();
        assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");

        String tmpVolume = StreamSupport.stream(c.path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                .map(m -> m.path("name").asText()).findFirst().orElseThrow(() -> new AssertionError("no /tmp mount"));
        assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .anyMatch(v -> v.path("name").asText().equals(tmpVolume) && v.has("emptyDir")))
                .as("/tmp is an emptyDir").isTrue();

        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(c.at("/" + probe + "/httpGet/port").asText()).as(probe + " port").isIn("http", "8080");
        }
        assertThat(StreamSupport.stream(c.path("ports").spliterator(), false)
                .anyMatch(p -> p.path("containerPort").asInt() == 8080 && p.path("name").asText().equals("http")))
                .as("port 8080 named http").isTrue();

        for (String kind : List.of("requests", "limits")) {
            assertThat(c.at("/resources/" + kind + "/memory").asText()).as(kind + " memory").isNotEmpty();
            assertThat(c.at("/resources/" + kind + "/cpu").asText()).as(kind + " cpu").isNotEmpty();
        }
        assertThat(env(deployment, "POD_NAMESPACE").map(e -> e.at("/valueFrom/fieldRef/fieldPath").asText()))
                .contains("metadata.namespace");
    }
}
