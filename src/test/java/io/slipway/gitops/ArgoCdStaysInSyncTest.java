package io.slipway.gitops;

import io.slipway.testing.ClusterProgress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.ReconcilerUtilsInternal;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.controller.TestReconcilers;
import io.slipway.crd.GeneratedCrds;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Argo CD relies on to stay in sync: the operator never writes spec, nor the labels and annotations a sync put
 * there. The examples are applied with the real kubectl (client-side apply, as an Argo CD sync does by default)
 * carrying Argo CD's tracking label and annotation, the operator converges them against moto and keeps resyncing,
 * and then spec, labels, annotations and generation are as applied, the only metadata added are the operator's own
 * finalizers, and applying the same manifests again changes nothing. A second commit (pause the Cluster, a bad subnet
 * in one group) synced the same way ends the same: spec as committed, the news only in status. The shipped health
 * scripts, run on the live objects, say what Argo CD would show at each step.
 */
class ArgoCdStaysInSyncTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final String TRACKING_LABEL = "app.kubernetes.io/instance";
    private static final String TRACKING_ANNOTATION = "argocd.argoproj.io/tracking-id";
    private static final String VERSION = "slipway.io/v1alpha1";

    @TempDir
    Path dir;
    private OperatorHarness harness;
    private Kubectl kubectl;

    @BeforeEach
    void start() {
        harness = new OperatorHarness(w -> TestReconcilers.all(w, TestReconcilers.FAST));
        kubectl = Kubectl.against(harness.api, dir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aFullConvergeLeavesWhatArgoCdSyncedUntouched() throws IOException {
        Path manifests = trackedCopyOfTheExamples("synced.yaml", doc -> {
        });
        assertThat(kubectl.ok("apply", "-f", manifests.toString()))
                .contains("cluster.slipway.io/demo created", "instancegroup.slipway.io/control-plane-us-east-1a created",
                        "instancegroup.slipway.io/nodes created");
        Map<String, JsonNode> applied = manifests(manifests);
        Map<String, JsonNode> synced = snapshot();

        awaitConverged();
        // A positive signal that the operator went on reconciling after converging (steady-state resyncs read AWS),
        // so the comparison below covers those reconciles too.
        long reads = harness.awsCalls() - harness.awsMutatingCalls();
        await().atMost(WAIT).until(() -> harness.awsCalls() - harness.awsMutatingCalls() > reads + 10);
        Map<String, JsonNode> converged = snapshot();

        assertThat(converged.keySet()).containsExactlyElementsOf(synced.keySet());
        for (String key : synced.keySet()) {
            JsonNode before = synced.get(key);
            JsonNode after = converged.get(key);
            assertThat(after.get("spec")).as(key + " spec").isEqualTo(before.get("spec"));
            // Generation moves with every spec write, whenever it happened, even before the first snapshot.
            assertThat(after.at("/metadata/generation").asLong()).as(key + " generation").isEqualTo(1);
            assertContains(after.get("spec"), applied.get(key).get("spec"), key + " spec");
            assertThat(after.at("/metadata/labels")).as(key + " labels").isEqualTo(before.at("/metadata/labels"));
            assertThat(after.at("/metadata/annotations")).as(key + " annotations").isEqualTo(before.at("/metadata/annotations"));
            assertThat(after.at("/metadata/labels/" + escape(TRACKING_LABEL)).asText()).as(key + " tracking label").isEqualTo("slipway");
            assertThat(after.at("/metadata/annotations/" + escape(TRACKING_ANNOTATION)).asText()).as(key + " tracking annotation").isNotEmpty();

            List<String> added = strings(after.at("/metadata/finalizers"));
            added.removeAll(strings(before.at("/metadata/finalizers")));
            assertThat(added).as(key + " finalizers added").isSubsetOf(
                    ReconcilerUtilsInternal.getDefaultFinalizerName(Cluster.class),
                    ReconcilerUtilsInternal.getDefaultFinalizerName(InstanceGroup.class));
        }
        assertThat(strings(converged.get("Cluster/demo").at("/metadata/finalizers")))
                .as("the operator did write metadata it owns, so the comparison above could see a change")
                .contains(ReconcilerUtilsInternal.getDefaultFinalizerName(Cluster.class));

        // kubectl's three-way merge (last-applied, manifest, live) finds nothing to patch: a sync would be a no-op.
        String again = kubectl.ok("apply", "-f", manifests.toString());
        assertThat(again).contains("cluster.slipway.io/demo unchanged", "instancegroup.slipway.io/control-plane-us-east-1a unchanged",
                "instancegroup.slipway.io/nodes unchanged");

        // not Healthy: instances run, but no Kubernetes API answers here, so the cluster is not usable, and Argo CD
        // must not say otherwise
        ArgoCdHealthScript.Health cluster = health("Cluster", "demo");
        assertThat(cluster.status()).isEqualTo("Progressing");
        assertThat(cluster.message()).startsWith("control-plane instances run; the cluster's API cannot be reached");
        for (String group : List.of("control-plane-us-east-1a", "control-plane-us-east-1b", "control-plane-us-east-1c", "nodes")) {
            ArgoCdHealthScript.Health health = health("InstanceGroup", group);
            assertThat(health.status()).as(group).isEqualTo("Progressing");
            assertThat(health.message()).as(group).contains("instance(s); the cluster's API does not answer yet");
        }

        // A commit that pauses the Cluster and names a subnet the Cluster lacks in one group, synced: the operator
        // reports it in status only, the health scripts say Suspended and Degraded, and the sync stays a no-op.
        Path changed = trackedCopyOfTheExamples("changed.yaml", doc -> {
            if (doc.get("kind").asText().equals("Cluster")) {
                ((ObjectNode) doc.get("spec")).put("paused", true);
            } else if (doc.at("/metadata/name").asText().equals("nodes")) {
                ((ObjectNode) doc.get("spec")).putArray("subnets").add("us-east-1z");
            }
        });
        assertThat(kubectl.ok("apply", "-f", changed.toString()))
                .contains("cluster.slipway.io/demo configured", "instancegroup.slipway.io/nodes configured",
                        "instancegroup.slipway.io/control-plane-us-east-1a unchanged");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(health("Cluster", "demo")).isEqualTo(new ArgoCdHealthScript.Health("Suspended",
                    "spec.paused is true: nothing is read from or written to AWS"));
            ArgoCdHealthScript.Health nodes = health("InstanceGroup", "nodes");
            assertThat(nodes.status()).isEqualTo("Degraded");
            assertThat(nodes.message()).startsWith("invalid spec").contains("spec.subnets[0]", "us-east-1z");
        });
        Map<String, JsonNode> wanted = manifests(changed);
        for (Map.Entry<String, JsonNode> live : snapshot().entrySet()) {
            assertContains(live.getValue().get("spec"), wanted.get(live.getKey()).get("spec"), live.getKey() + " spec");
            assertThat(live.getValue().at("/metadata/generation").asLong()).as(live.getKey() + " generation")
                    .isEqualTo(live.getKey().startsWith("InstanceGroup/control-plane") ? 1 : 2);
        }
        assertThat(kubectl.ok("apply", "-f", changed.toString()))
                .contains("cluster.slipway.io/demo unchanged", "instancegroup.slipway.io/control-plane-us-east-1a unchanged",
                        "instancegroup.slipway.io/nodes unchanged");
    }

    /**
     * The examples as an Argo CD Application named "slipway" would apply them: with its tracking label and annotation,
     * after {@code change} (a commit) has edited each document.
     */
    private Path trackedCopyOfTheExamples(String name, Consumer<JsonNode> change) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String file : List.of("cluster.yaml", "instancegroups.yaml")) {
            Path example = GeneratedCrds.projectRoot().resolve("examples").resolve(file);
            for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(example.toFile()), JsonNode.class).readAll()) {
                ObjectNode metadata = (ObjectNode) doc.get("metadata");
                metadata.putObject("labels").put(TRACKING_LABEL, "slipway");
                metadata.putObject("annotations").put(TRACKING_ANNOTATION, "slipway:slipway.io/" + doc.get("kind").asText()
                        + ":" + metadata.get("namespace").asText() + "/" + metadata.get("name").asText());
                change.accept(doc);
                out.append("---\n").append(YAML.writeValueAsString(doc));
            }
        }
        Path manifests = dir.resolve(name);
        java.nio.file.Files.writeString(manifests, out);
        return manifests;
    }

    private static Map<String, JsonNode> manifests(Path file) throws IOException {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class).readAll()) {
            docs.put(doc.get("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
        }
        return docs;
    }

    /** Every field the manifest sets has its value in the live object (the API server may add defaults beside them). */
    private static void assertContains(JsonNode live, JsonNode desired, String path) {
        if (desired.isObject()) {
            assertThat(live != null && live.isObject()).as(path + " is an object").isTrue();
            desired.fields().forEachRemaining(f -> assertContains(live.get(f.getKey()), f.getValue(), path + "." + f.getKey()));
        } else if (desired.isArray()) {
            assertThat(live != null && live.isArray() && live.size() == desired.size()).as(path + " has " + desired.size() + " items").isTrue();
            for (int i = 0; i < desired.size(); i++) {
                assertContains(live.get(i), desired.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(live == null ? null : live.asText()).as(path).isEqualTo(desired.asText());
        }
    }

    private void awaitConverged() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Map<String, JsonNode> live = snapshot();
            JsonNode cluster = live.get("Cluster/demo");
            // everything this version builds is ready; Ready itself waits for instances, which nothing runs yet
            for (String part : ClusterProgress.INFRASTRUCTURE) {
                assertThat(condition(cluster, part).path("status").asText()).as(part).isEqualTo("True");
            }
            for (JsonNode object : live.values()) {
                assertThat(object.at("/status/observedGeneration")).isEqualTo(object.at("/metadata/generation"));
            }
            // the groups' instances run; their nodes would come from a workload API, which nothing serves here
            for (String group : List.of("control-plane-us-east-1a", "control-plane-us-east-1b", "control-plane-us-east-1c", "nodes")) {
                assertThat(condition(live.get("InstanceGroup/" + group), "Reconciling").path("reason").asText()).as(group)
                        .isEqualTo("WaitingForAPIServer");
            }
            assertThat(condition(cluster, "ControlPlaneReady").path("reason").asText()).isEqualTo("WaitingForAPIServer");
        });
    }

    /** The stored objects as the API server returns them, untyped, so nothing our Java types add or drop hides a change. */
    private Map<String, JsonNode> snapshot() {
        Map<String, JsonNode> objects = new TreeMap<>();
        for (String kind : List.of("Cluster", "InstanceGroup")) {
            for (GenericKubernetesResource r : harness.client.genericKubernetesResources(VERSION, kind).inNamespace("default").list().getItems()) {
                objects.put(kind + "/" + r.getMetadata().getName(), tree(r));
            }
        }
        return objects;
    }

    private ArgoCdHealthScript.Health health(String kind, String name) {
        return ArgoCdHealthScript.forKind(kind).evaluate(tree(
                harness.client.genericKubernetesResources(VERSION, kind).inNamespace("default").withName(name).get()));
    }

    private JsonNode tree(HasMetadata resource) {
        try {
            return YAML.readTree(harness.client.getKubernetesSerialization().asJson(resource));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode condition(JsonNode object, String type) {
        for (JsonNode c : object.at("/status/conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " condition on " + object.at("/metadata/name").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String escape(String jsonPointerToken) {
        return jsonPointerToken.replace("~", "~0").replace("/", "~1");
    }
}
