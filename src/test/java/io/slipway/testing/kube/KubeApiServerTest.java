package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mock API's behaviour as Fabric8 (and so JOSDK) and plain HTTP clients see it. */
class KubeApiServerTest {
    private static final String CLUSTERS = "/apis/slipway.io/v1alpha1/namespaces/default/clusters";
    private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final KubernetesClient client = api.client();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void cleanSlate() {
        api.reset();
    }

    // ---- discovery ----

    @Test
    void discoveryServesBuiltInKindsAndEveryStoredCrd() throws Exception {
        assertThat(get("/apis/slipway.io/v1alpha1", "application/json").statusCode()).isEqualTo(404);

        GeneratedCrds.install(client);

        JsonNode resources = json(get("/apis/slipway.io/v1alpha1", "application/json"));
        assertThat(resources.path("groupVersion").asText()).isEqualTo("slipway.io/v1alpha1");
        JsonNode clusters = resource(resources, "clusters");
        assertThat(clusters.path("kind").asText()).isEqualTo("Cluster");
        assertThat(clusters.path("singularName").asText()).isEqualTo("cluster");
        assertThat(clusters.path("namespaced").asBoolean()).isTrue();
        assertThat(texts(clusters.path("shortNames"))).containsExactly("slc");
        assertThat(texts(clusters.path("verbs"))).contains("get", "list", "watch", "create", "update", "patch", "delete");
        assertThat(texts(resource(resources, "clusters/status").path("verbs"))).containsExactlyInAnyOrder("get", "patch", "update");
        assertThat(texts(resource(resources, "instancegroups").path("shortNames"))).containsExactly("ig");
        assertThat(resource(resources, "instancegroups/status").path("kind").asText()).isEqualTo("InstanceGroup");

        JsonNode groups = json(get("/apis", "application/json"));
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        List<String> groupNames = new ArrayList<>();
        groups.path("groups").forEach(g -> groupNames.add(g.path("name").asText()));
        assertThat(groupNames).contains("slipway.io", "apps", "coordination.k8s.io", "apiextensions.k8s.io", "policy",
                "events.k8s.io", "rbac.authorization.k8s.io");

        JsonNode core = json(get("/api/v1", "application/json"));
        JsonNode eviction = resource(core, "pods/eviction");
        assertThat(eviction.path("group").asText()).isEqualTo("policy");
        assertThat(eviction.path("kind").asText()).isEqualTo("Eviction");
        assertThat(texts(resource(core, "nodes").path("shortNames"))).containsExactly("no");
        assertThat(resource(core, "nodes").path("namespaced").asBoolean()).isFalse();
        assertThat(json(get("/api", "application/json")).path("versions").get(0).asText()).isEqualTo("v1");
        assertThat(json(get("/apis/apps", "application/json")).path("preferredVersion").path("groupVersion").asText())
                .isEqualTo("apps/v1");

        // Fabric8's own discovery
        assertThat(client.getApiGroups().getGroups()).anyMatch(g -> g.getName().equals("slipway.io"));
        assertThat(client.getApiResources("slipway.io/v1alpha1").getResources()).anyMatch(r -> r.getName().equals("clusters"));
    }

    @Test
    void aggregatedDiscoveryIsServedWhenAsked() throws Exception {
        GeneratedCrds.install(client);
        HttpResponse<String> response = get("/apis", AGGREGATED);
        assertThat(response.headers().firstValue("Content-Type")).contains(DiscoveryDocuments.AGGREGATED_CONTENT_TYPE);
        JsonNode list = json(response);
        assertThat(list.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        JsonNode slipway = null;
        for (JsonNode item : list.path("items")) {
            if (item.path("metadata").path("name").asText().equals("slipway.io")) slipway = item;
        }
        assertThat(slipway).isNotNull();
        JsonNode version = slipway.path("versions").get(0);
        assertThat(version.path("version").asText()).isEqualTo("v1alpha1");
        JsonNode clusters = null;
        for (JsonNode r : version.path("resources")) {
            if (r.path("resource").asText().equals("clusters")) clusters = r;
        }
        assertThat(clusters).isNotNull();
        assertThat(clusters.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(clusters.path("responseKind").path("kind").asText()).isEqualTo("Cluster");
        assertThat(clusters.path("subresources").get(0).path("subresource").asText()).isEqualTo("status");

        JsonNode core = json(get("/api", AGGREGATED));
        assertThat(core.path("items")).hasSize(1);
        assertThat(core.path("items").get(0).path("metadata").path("name").asText()).isEmpty();
    }

    @Test
    void aCrdDeletedIsGoneFromDiscovery() throws Exception {
        GeneratedCrds.install(client);
        assertThat(get("/apis/slipway.io/v1alpha1", "application/json").statusCode()).isEqualTo(200);
        client.apiextensions().v1().customResourceDefinitions().withName(GeneratedCrds.CLUSTERS).delete();
        JsonNode resources = json(get("/apis/slipway.io/v1alpha1", "application/json"));
        List<String> names = new ArrayList<>();
        resources.path("resources").forEach(r -> names.add(r.path("name").asText()));
        assertThat(names).doesNotContain("clusters").contains("instancegroups");
    }

    @Test
    void versionIsServed() throws Exception {
        assertThat(json(get("/version", "application/json")).path("gitVersion").asText()).isEqualTo("v1.32.0");
        assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("32");
    }

    // ---- status subresource and patch semantics ----

    @Test
    void statusPatchWithQueryStringUpdatesStatusAndNothingElse() throws Exception {
        GeneratedCrds.install(client);
        Cluster created = client.resource(exampleCluster()).create();

        HttpResponse<String> response = send("PATCH", CLUSTERS + "/demo/status?fieldManager=slipway&fieldValidation=Strict",
                "application/merge-patch+json",
                "{\"spec\":{\"region\":\"eu-west-1\"},\"status\":{\"phase\":\"Provisioning\",\"observedGeneration\":1}}");
        assertThat(response.statusCode()).isEqualTo(200);

        Cluster stored = client.resources(Cluster.class).withName("demo").get();
        assertThat(stored.getStatus().phase).isEqualTo("Provisioning");
        assertThat(stored.getSpec().region).isEqualTo("us-east-1");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());
        assertThat(stored.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());

        stored.getStatus().phase = "Ready";
        stored.getSpec().region = "eu-west-1";
        HttpResponse<String> put = send("PUT", CLUSTERS + "/demo/status?fieldManager=slipway", "application/json",
                io.fabric8.kubernetes.client.utils.Serialization.asJson(stored));
        assertThat(put.statusCode()).isEqualTo(200);
        Cluster replaced = client.resources(Cluster.class).withName("demo").get();
        assertThat(replaced.getStatus().phase).isEqualTo("Ready");
        assertThat(replaced.getSpec().region).isEqualTo("us-east-1");
    }

    @Test
    void mainResourceWritesIgnoreStatus() throws Exception {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        setPhase("Provisioning");

        send("PATCH", CLUSTERS + "/demo?fieldManager=kubectl", "application/merge-patch+json",
                "{\"spec\":{\"kubernetesVersion\":\"1.32.5\"},\"status\":{\"phase\":\"Hacked\"}}");

        Cluster stored = client.resources(Cluster.class).withName("demo").get();
        assertThat(stored.getSpec().kubernetesVersion).isEqualTo("1.32.5");
        assertThat(stored.getStatus().phase).isEqualTo("Provisioning");
    }

    @Test
    void fabric8StatusOperationsWork() {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();

        // JSON merge patch of the status
        Cluster withStatus = client.resources(Cluster.class).withName("demo").get();
        withStatus.setStatus(statusWith("Provisioning", condition("Ready", "False", "NetworkPending")));
        client.resource(withStatus).patchStatus();
        assertThat(client.resources(Cluster.class).withName("demo").get().getStatus().phase).isEqualTo("Provisioning");

        // JSON patch computed by edit (what JOSDK does with SSA off)
        client.resources(Cluster.class).withName("demo").editStatus(c -> {
            c.getStatus().phase = "Ready";
            c.getStatus().conditions.get(0).status = "True";
            return c;
        });
        Cluster stored = client.resources(Cluster.class).withName("demo").get();
        assertThat(stored.getStatus().phase).isEqualTo("Ready");
        assertThat(stored.getStatus().conditions).extracting(c -> c.status).containsExactly("True");

        // full replacement of the status with optimistic locking
        stored.getStatus().phase = "Deleting";
        client.resource(stored).updateStatus();
        assertThat(client.resources(Cluster.class).withName("demo").get().getStatus().phase).isEqualTo("Deleting");
    }

    @Test
    void mergePatchReplacesListsAndRemovesNulls() throws Exception {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        Cluster withStatus = client.resources(Cluster.class).withName("demo").get();
        withStatus.setStatus(statusWith("Provisioning", condition("Ready", "False", "A"), condition("Reconciling", "True", "B")));
        client.resource(withStatus).patchStatus();

        send("PATCH", CLUSTERS + "/demo/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":null,\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"C\"}]}}");

        ClusterStatus status = client.resources(Cluster.class).withName("demo").get().getStatus();
        assertThat(status.phase).isNull();
        assertThat(status.conditions).extracting(c -> c.reason).containsExactly("C");
    }

    @Test
    void jsonPatchThatDoesNotApplyIsRejected() throws Exception {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        HttpResponse<String> response = send("PATCH", CLUSTERS + "/demo", "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/spec/doesNotExist/deeper\",\"value\":1}]");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("kind").asText()).isEqualTo("Status");
    }

    @Test
    void serverSideApplyCreatesThenMergesAndDropsWhatTheManagerNoLongerApplies() throws Exception {
        GeneratedCrds.install(client);
        String first = """
                apiVersion: slipway.io/v1alpha1
                kind: Cluster
                metadata:
                  name: applied
                spec:
                  kubernetesVersion: 1.32.4
                  region: us-east-1
                  networkCIDR: 10.0.0.0/16
                  cloudLabels:
                    team: a
                    cost: b
                  subnets:
                  - {name: a, zone: us-east-1a, type: Public, cidr: 10.0.0.0/20}
                """;
        HttpResponse<String> created = send("PATCH", CLUSTERS + "/applied?fieldManager=ops&force=true",
                "application/apply-patch+yaml", first);
        assertThat(created.statusCode()).isEqualTo(201);

        // another manager adds a label; the apply manager then stops applying "cost"
        send("PATCH", CLUSTERS + "/applied", "application/merge-patch+json", "{\"spec\":{\"sshKeyName\":\"other\"}}");
        HttpResponse<String> updated = send("PATCH", CLUSTERS + "/applied?fieldManager=ops&force=true",
                "application/apply-patch+yaml", first.replace("    cost: b\n", "").replace("1.32.4", "1.32.5"));
        assertThat(updated.statusCode()).isEqualTo(200);

        Cluster stored = client.resources(Cluster.class).withName("applied").get();
        assertThat(stored.getSpec().kubernetesVersion).isEqualTo("1.32.5");
        assertThat(stored.getSpec().cloudLabels).containsExactly(Map.entry("team", "a"));
        assertThat(stored.getSpec().sshKeyName).isEqualTo("other");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(3);

        HttpResponse<String> status = send("PATCH", CLUSTERS + "/applied/status?fieldManager=slipway&force=true",
                "application/apply-patch+yaml",
                "apiVersion: slipway.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: applied\nstatus:\n  phase: Planning\n");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(client.resources(Cluster.class).withName("applied").get().getStatus().phase).isEqualTo("Planning");
    }

    @Test
    void statusApplyOfTheOperatorReplacesWhatItAppliedBeforeAndLeavesSpecAlone() throws Exception {
        GeneratedCrds.install(client);
        Cluster created = client.resource(exampleCluster()).create();
        String head = "apiVersion: slipway.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: demo\n  namespace: default\n";
        assertThat(send("PATCH", CLUSTERS + "/demo/status?fieldManager=cluster&force=true", "application/apply-patch+yaml",
                head + "status:\n  phase: Pending\n  plan:\n    summary: 3 to create\n").statusCode()).isEqualTo(200);
        assertThat(send("PATCH", CLUSTERS + "/demo/status?fieldManager=cluster&force=true", "application/apply-patch+yaml",
                head + "status:\n  phase: Ready\n").statusCode()).isEqualTo(200);

        Cluster stored = client.resources(Cluster.class).withName("demo").get();
        assertThat(stored.getStatus().phase).isEqualTo("Ready");
        assertThat(stored.getStatus().plan).as("no longer applied by the manager").isNull();
        assertThat(stored.getSpec().region).isEqualTo(created.getSpec().region);
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());
    }

    @Test
    void applyWithoutFieldManagerIsRefused() throws Exception {
        HttpResponse<String> response = send("PATCH", "/api/v1/namespaces/default/configmaps/x",
                "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        assertThat(response.statusCode()).isEqualTo(422);
    }

    // ---- generation, resourceVersion, conflicts ----

    @Test
    void generationMovesOnSpecChangesOnlyAndResourceVersionOnEveryChange() {
        GeneratedCrds.install(client);
        Cluster created = client.resource(exampleCluster()).create();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1);
        String rv1 = created.getMetadata().getResourceVersion();

        Cluster labelled = client.resources(Cluster.class).withName("demo")
                .edit(c -> { c.getMetadata().setLabels(Map.of("env", "test")); return c; });
        assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1);
        assertThat(labelled.getMetadata().getResourceVersion()).isNotEqualTo(rv1);

        setPhase("Provisioning");
        assertThat(client.resources(Cluster.class).withName("demo").get().getMetadata().getGeneration()).isEqualTo(1);

        Cluster changed = client.resources(Cluster.class).withName("demo")
                .edit(c -> { c.getSpec().kubernetesVersion = "1.32.5"; return c; });
        assertThat(changed.getMetadata().getGeneration()).isEqualTo(2);

        String rv = changed.getMetadata().getResourceVersion();
        Cluster unchanged = client.resources(Cluster.class).withName("demo")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"kubernetesVersion\":\"1.32.5\"}}");
        assertThat(unchanged.getMetadata().getResourceVersion()).isEqualTo(rv);
    }

    @Test
    void staleUpdatesConflictAndCustomResourceUpdatesNeedAResourceVersion() throws Exception {
        GeneratedCrds.install(client);
        Cluster created = client.resource(exampleCluster()).create();
        client.resources(Cluster.class).withName("demo").edit(c -> { c.getSpec().sshKeyName = "k"; return c; });

        created.getSpec().kubernetesVersion = "1.32.9";
        assertThatThrownBy(() -> client.resource(created).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        Cluster current = client.resources(Cluster.class).withName("demo").get();
        current.getMetadata().setResourceVersion(null);
        HttpResponse<String> unconditional = send("PUT", CLUSTERS + "/demo", "application/json",
                io.fabric8.kubernetes.client.utils.Serialization.asJson(current));
        assertThat(unconditional.statusCode()).isEqualTo(422);
        assertThat(json(unconditional).path("message").asText()).contains("metadata.resourceVersion");

        assertThatThrownBy(() -> client.resource(exampleCluster()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                });
        assertThat(client.resources(Cluster.class).withName("absent").get()).isNull();
        HttpResponse<String> missing = get(CLUSTERS + "/absent", "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("message").asText()).isEqualTo("clusters.slipway.io \"absent\" not found");
    }

    @Test
    void fieldsTheCrdSchemaDoesNotKnowArePruned() throws Exception {
        GeneratedCrds.install(client);
        HttpResponse<String> created = send("POST", CLUSTERS, "application/json", """
                {"apiVersion":"slipway.io/v1alpha1","kind":"Cluster","metadata":{"name":"pruned","labels":{"a":"b"}},
                 "spec":{"kubernetesVersion":"1.32.4","region":"us-east-1","networkCIDR":"10.0.0.0/16","unknownField":1,
                         "cloudLabels":{"any-key":"kept"},
                         "subnets":[{"name":"a","zone":"us-east-1a","type":"Public","cidr":"10.0.0.0/20","bogus":true}]},
                 "extra":{"x":1}}""");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode stored = json(get(CLUSTERS + "/pruned", "application/json"));
        assertThat(stored.has("extra")).isFalse();
        assertThat(stored.path("spec").has("unknownField")).isFalse();
        assertThat(stored.path("spec").path("subnets").get(0).has("bogus")).isFalse();
        assertThat(stored.path("spec").path("subnets").get(0).path("cidr").asText()).isEqualTo("10.0.0.0/20");
        assertThat(stored.path("spec").path("cloudLabels").path("any-key").asText()).isEqualTo("kept");
        assertThat(stored.path("metadata").path("labels").path("a").asText()).isEqualTo("b");

        send("PATCH", CLUSTERS + "/pruned/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Pending\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"true\":false}]}}");
        JsonNode status = json(get(CLUSTERS + "/pruned", "application/json")).path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Pending");
        assertThat(status.path("conditions").get(0).has("true")).isFalse();
    }

    // ---- deletion ----

    @Test
    void deletingAnObjectWithFinalizersMarksItAndKeepsItUntilTheLastFinalizerGoes() throws Exception {
        GeneratedCrds.install(client);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Cluster cluster = exampleCluster();
        cluster.getMetadata().setFinalizers(List.of("slipway.io/finalizer"));
        client.resource(cluster).create();
        try (Watch ignored = client.resources(Cluster.class).inNamespace("default").watch(recorder(events))) {
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED:false");

            HttpResponse<String> deleted = send("DELETE", CLUSTERS + "/demo", "application/json",
                    "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\"}");
            assertThat(deleted.statusCode()).isEqualTo(200);
            assertThat(json(deleted).path("metadata").path("deletionTimestamp").isTextual()).isTrue();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("MODIFIED:true");

            Cluster marked = client.resources(Cluster.class).withName("demo").get();
            assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(marked.getMetadata().getGeneration()).isEqualTo(2);

            // a second delete changes nothing
            client.resources(Cluster.class).withName("demo").delete();
            assertThat(client.resources(Cluster.class).withName("demo").get().getMetadata().getResourceVersion())
                    .isEqualTo(marked.getMetadata().getResourceVersion());

            // an update cannot clear deletionTimestamp
            marked.getMetadata().setDeletionTimestamp(null);
            marked.getMetadata().setLabels(Map.of("touched", "yes"));
            Cluster touched = client.resource(marked).update();
            assertThat(touched.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("MODIFIED:true");

            // nor add a finalizer
            assertThatThrownBy(() -> client.resources(Cluster.class).withName("demo").edit(c -> {
                c.getMetadata().getFinalizers().add("another/finalizer");
                return c;
            })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

            // removing the last finalizer deletes it
            Cluster last = client.resources(Cluster.class).withName("demo").edit(c -> {
                c.getMetadata().setFinalizers(new ArrayList<>());
                return c;
            });
            assertThat(last.getMetadata().getFinalizers()).isEmpty();
            assertThat(client.resources(Cluster.class).withName("demo").get()).isNull();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("DELETED:true");
        }
    }

    @Test
    void deletingAnObjectWithoutFinalizersRemovesItAtOnce() {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        assertThat(client.resources(Cluster.class).withName("demo").delete()).hasSize(1);
        assertThat(client.resources(Cluster.class).withName("demo").get()).isNull();
        assertThat(client.resources(Cluster.class).withName("demo").delete()).isEmpty();
    }

    @Test
    void deletePreconditionsAreChecked() throws Exception {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        HttpResponse<String> response = send("DELETE", CLUSTERS + "/demo", "application/json",
                "{\"preconditions\":{\"resourceVersion\":\"0\"}}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(client.resources(Cluster.class).withName("demo").get()).isNotNull();
    }

    // ---- reads ----

    @Test
    void kubectlTablesUsePrinterColumns() throws Exception {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        Cluster stored = client.resources(Cluster.class).withName("demo").get();
        stored.setStatus(statusWith("Provisioning", condition("Ready", "False", "NetworkPending")));
        client.resource(stored).patchStatus();

        JsonNode table = json(get(CLUSTERS, "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"));
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns).first().isEqualTo("Name");
        assertThat(columns).contains("Version", "Region", "Ready", "Reason", "Phase", "Age");
        JsonNode row = table.path("rows").get(0);
        assertThat(cell(columns, row, "Name")).isEqualTo("demo");
        assertThat(cell(columns, row, "Version")).isEqualTo("1.32.4");
        assertThat(cell(columns, row, "Region")).isEqualTo("us-east-1");
        assertThat(cell(columns, row, "Ready")).isEqualTo("False");
        assertThat(cell(columns, row, "Reason")).isEqualTo("NetworkPending");
        assertThat(cell(columns, row, "Phase")).isEqualTo("Provisioning");
        assertThat(cell(columns, row, "Age")).matches("\\d+s");
        assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("metadata").path("namespace").asText()).isEqualTo("default");

        JsonNode single = json(get(CLUSTERS + "/demo", "application/json;as=Table;v=v1;g=meta.k8s.io"));
        assertThat(single.path("rows")).hasSize(1);
    }

    @Test
    void listsCarryTheirKind() throws Exception {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        JsonNode list = json(get(CLUSTERS, "application/json"));
        assertThat(list.path("kind").asText()).isEqualTo("ClusterList");
        assertThat(list.path("apiVersion").asText()).isEqualTo("slipway.io/v1alpha1");
        assertThat(list.path("items")).hasSize(1);
        assertThat(client.resources(Cluster.class).inNamespace("default").list().getItems()).hasSize(1);
        assertThat(client.genericKubernetesResources("slipway.io/v1alpha1", "Cluster").inNamespace("default").list()
                .getItems()).extracting(GenericKubernetesResource::getKind).containsExactly("Cluster");
    }

    @Test
    void fieldSelectorsFilterOnAnyField() {
        for (String[] pod : new String[][] {{"a", "node-1", "Running"}, {"b", "node-2", "Running"}, {"c", "node-1", "Succeeded"}}) {
            client.pods().resource(new PodBuilder().withNewMetadata().withName(pod[0]).withNamespace("default").endMetadata()
                    .withNewSpec().withNodeName(pod[1]).addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                    .withNewStatus().withPhase(pod[2]).endStatus().build()).create();
        }
        assertThat(client.pods().inNamespace("default").withField("spec.nodeName", "node-1").list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("a", "c");
        assertThat(client.pods().inAnyNamespace().withField("spec.nodeName", "node-1").withoutField("status.phase", "Succeeded")
                .list().getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("a");
        assertThat(client.pods().inNamespace("default").withField("metadata.name", "b").list().getItems()).hasSize(1);
    }

    @Test
    void evictionHonoursDisruptionBudgetsAndTheBudgetStatusFollows() throws Exception {
        for (String name : List.of("web-1", "web-2")) {
            client.pods().resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                    .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("nginx")
                    .endContainer().endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                    .withStatus("True").endCondition().endStatus().build()).create();
        }
        client.policy().v1().podDisruptionBudget().resource(new PodDisruptionBudgetBuilder().withNewMetadata()
                .withName("web").withNamespace("default").endMetadata().withNewSpec().withNewSelector()
                .addToMatchLabels("app", "web").endSelector().withMinAvailable(new io.fabric8.kubernetes.api.model.IntOrString(1))
                .endSpec().build()).create();
        var status = client.policy().v1().podDisruptionBudget().withName("web").get().getStatus();
        assertThat(status.getCurrentHealthy()).isEqualTo(2);
        assertThat(status.getDesiredHealthy()).isEqualTo(1);
        assertThat(status.getExpectedPods()).isEqualTo(2);
        assertThat(status.getDisruptionsAllowed()).isEqualTo(1);
        String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"default\"}}";

        HttpResponse<String> allowed = send("POST", "/api/v1/namespaces/default/pods/web-1/eviction", "application/json", eviction.formatted("web-1"));
        assertThat(allowed.statusCode()).isEqualTo(201);
        assertThat(client.pods().withName("web-1").get()).isNull();
        assertThat(client.policy().v1().podDisruptionBudget().withName("web").get().getStatus().getDisruptionsAllowed()).isZero();

        HttpResponse<String> refused = send("POST", "/api/v1/namespaces/default/pods/web-2/eviction", "application/json", eviction.formatted("web-2"));
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(refused.body());
        assertThat(body.path("message").asText()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(body.path("details").path("causes").get(0).path("message").asText())
                .isEqualTo("The disruption budget web needs 1 healthy pods and has 1 currently");
        assertThat(client.pods().withName("web-2").get()).isNotNull();
    }

    @Test
    void resetForgetsObjectsButKeepsTheInitialNamespaces() {
        GeneratedCrds.install(client);
        client.resource(exampleCluster()).create();
        api.reset();
        assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
        assertThat(client.resources(Cluster.class).inNamespace("default").list().getItems()).isEmpty();
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("default", "kube-system", "kube-public", "kube-node-lease");
    }

    // ---- helpers ----

    static Cluster exampleCluster() {
        return api.client().resources(Cluster.class).load(Path.of("examples", "cluster.yaml").toFile()).item();
    }

    private static void setPhase(String phase) {
        Cluster c = client.resources(Cluster.class).withName("demo").get();
        c.setStatus(statusWith(phase));
        client.resource(c).patchStatus();
    }

    private static ClusterStatus statusWith(String phase, Condition... conditions) {
        ClusterStatus status = new ClusterStatus();
        status.phase = phase;
        status.conditions = new ArrayList<>(List.of(conditions));
        return status;
    }

    private static Condition condition(String type, String status, String reason) {
        Condition c = new Condition();
        c.type = type;
        c.status = status;
        c.reason = reason;
        c.message = reason;
        c.lastTransitionTime = "2026-01-01T00:00:00Z";
        return c;
    }

    private static Watcher<Cluster> recorder(BlockingQueue<String> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, Cluster resource) {
                events.add(action + ":" + (resource.getMetadata().getDeletionTimestamp() != null));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    private static String cell(List<String> columns, JsonNode row, String column) {
        JsonNode cell = row.path("cells").get(columns.indexOf(column));
        return cell.isNull() ? null : cell.asText();
    }

    private static JsonNode resource(JsonNode resourceList, String name) {
        for (JsonNode r : resourceList.path("resources")) {
            if (r.path("name").asText().equals(name)) return r;
        }
        throw new AssertionError("no resource " + name + " in " + resourceList);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JsonNodes.parseJson(response.body());
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).header("Content-Type", contentType)
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
