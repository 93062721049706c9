package io.slipway.testing.kube;

import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real kubectl (1.32, from the PATH) against {@link KubeApiServer}: the generated CRDs and the examples go in
 * with {@code kubectl apply}, {@code kubectl get} shows the printer columns, status is patched through the
 * subresource, {@code kubectl delete} removes everything; the Fabric8 client sees each step.
 */
class KubectlAgainstMockApiTest {
    private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final KubernetesClient client = api.client();
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        kubectl = Kubectl.against(api, dir);
    }

    @BeforeEach
    void freshApiWithCrds() {
        api.reset();
        String out = kubectl.ok("apply",
                "-f", GeneratedCrds.file(GeneratedCrds.CLUSTERS).toString(),
                "-f", GeneratedCrds.file(GeneratedCrds.INSTANCE_GROUPS).toString());
        assertThat(out).contains("customresourcedefinition.apiextensions.k8s.io/clusters.slipway.io created",
                "customresourcedefinition.apiextensions.k8s.io/instancegroups.slipway.io created");
        assertThat(kubectl.ok("wait", "--for=condition=established", "--timeout=30s",
                "crd/clusters.slipway.io", "crd/instancegroups.slipway.io"))
                .contains("customresourcedefinition.apiextensions.k8s.io/clusters.slipway.io condition met");
    }

    @Test
    void appliedExamplesShowWithTheirPrinterColumns() {
        String applied = applyExamples();
        assertThat(applied).contains("cluster.slipway.io/demo created",
                "instancegroup.slipway.io/control-plane-us-east-1a created", "instancegroup.slipway.io/nodes created");

        Cluster cluster = client.resources(Cluster.class).inNamespace("default").withName("demo").get();
        assertThat(cluster.getSpec().region).isEqualTo("us-east-1");
        assertThat(cluster.getSpec().networkCIDR).isEqualTo("10.0.0.0/16");
        assertThat(cluster.getSpec().subnets).extracting(s -> s.name).containsExactly("us-east-1a", "us-east-1b",
                "us-east-1c", "utility-us-east-1a", "utility-us-east-1b", "utility-us-east-1c");
        assertThat(cluster.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration");
        assertThat(client.resources(InstanceGroup.class).inNamespace("default").list().getItems())
                .extracting(ig -> ig.getMetadata().getName()).containsExactlyInAnyOrder("control-plane-us-east-1a", "control-plane-us-east-1b", "control-plane-us-east-1c", "nodes");

        for (String resource : List.of("clusters.slipway.io", "slc", "cluster", "clusters")) {
            String out = kubectl.ok("get", resource);
            assertThat(KubectlTable.headers(out)).as(resource)
                    .containsExactlyInAnyOrder("NAME", "VERSION", "REGION", "READY", "PHASE", "REASON", "AGE");
            Map<String, String> row = single(out);
            assertThat(row).containsEntry("NAME", "demo").containsEntry("VERSION", "1.32.4").containsEntry("REGION", "us-east-1")
                    .containsEntry("READY", "").containsEntry("PHASE", "");
            assertThat(row.get("AGE")).matches("\\d+s");
        }

        String igs = kubectl.ok("get", "ig");
        assertThat(KubectlTable.headers(igs)).containsExactlyInAnyOrder("NAME", "CLUSTER", "ROLE", "MACHINE-TYPE", "MIN",
                "MAX", "READY", "UP-TO-DATE", "AGE");
        assertThat(KubectlTable.rows(igs)).anySatisfy(row -> assertThat(row).containsEntry("NAME", "control-plane-us-east-1a")
                .containsEntry("CLUSTER", "demo").containsEntry("ROLE", "ControlPlane").containsEntry("MACHINE-TYPE", "m6i.large")
                .containsEntry("MIN", "1").containsEntry("MAX", "1"));
        assertThat(KubectlTable.rows(igs)).anySatisfy(row -> assertThat(row).containsEntry("NAME", "nodes")
                .containsEntry("ROLE", "Node").containsEntry("MIN", "3").containsEntry("MAX", "6"));

        assertThat(kubectl.ok("get", "slc", "demo", "-o", "jsonpath={.spec.subnets[3].type}")).isEqualTo("Utility");
        assertThat(kubectl.ok("get", "ig", "-o", "name"))
                .contains("instancegroup.slipway.io/control-plane", "instancegroup.slipway.io/nodes");
    }

    @Test
    void statusPatchedThroughTheSubresourceShowsInColumnsAndLeavesSpecAlone() {
        applyExamples();
        String patched = kubectl.ok("patch", "slc", "demo", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"phase\":\"Provisioning\",\"observedGeneration\":1,\"conditions\":[{\"type\":\"Ready\","
                        + "\"status\":\"False\",\"reason\":\"NetworkPending\",\"message\":\"creating the VPC\","
                        + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}");
        assertThat(patched).contains("cluster.slipway.io/demo patched");

        Map<String, String> row = single(kubectl.ok("get", "slc"));
        assertThat(row).containsEntry("READY", "False").containsEntry("REASON", "NetworkPending")
                .containsEntry("PHASE", "Provisioning");
        Cluster cluster = client.resources(Cluster.class).inNamespace("default").withName("demo").get();
        assertThat(cluster.getStatus().phase).isEqualTo("Provisioning");
        assertThat(cluster.getStatus().conditions).singleElement().satisfies(c -> assertThat(c.message).isEqualTo("creating the VPC"));
        assertThat(cluster.getMetadata().getGeneration()).isEqualTo(1);

        // the main resource ignores status; a spec change moves the generation
        kubectl.ok("patch", "slc", "demo", "--type=merge", "-p",
                "{\"spec\":{\"kubernetesVersion\":\"1.32.5\"},\"status\":{\"phase\":\"Hacked\"}}");
        cluster = client.resources(Cluster.class).inNamespace("default").withName("demo").get();
        assertThat(cluster.getStatus().phase).isEqualTo("Provisioning");
        assertThat(cluster.getSpec().kubernetesVersion).isEqualTo("1.32.5");
        assertThat(cluster.getMetadata().getGeneration()).isEqualTo(2);

        // status written through Fabric8 shows in kubectl
        InstanceGroup nodes = client.resources(InstanceGroup.class).inNamespace("default").withName("nodes").get();
        InstanceGroupStatus status = new InstanceGroupStatus();
        status.readyReplicas = 2;
        status.updatedReplicas = 1;
        nodes.setStatus(status);
        client.resource(nodes).patchStatus();
        assertThat(KubectlTable.rows(kubectl.ok("get", "ig", "nodes")).get(0))
                .containsEntry("READY", "2").containsEntry("UP-TO-DATE", "1");
    }

    @Test
    void serverSideApplyCreatesAndUpdates() {
        String out = kubectl.ok("apply", "--server-side", "-f", EXAMPLES.resolve("cluster.yaml").toString());
        assertThat(out).contains("cluster.slipway.io/demo serverside-applied");
        assertThat(client.resources(Cluster.class).inNamespace("default").withName("demo").get().getSpec().region)
                .isEqualTo("us-east-1");

        out = kubectl.ok("apply", "--server-side", "-f", EXAMPLES.resolve("cluster.yaml").toString());
        assertThat(out).contains("cluster.slipway.io/demo serverside-applied");
        assertThat(client.resources(Cluster.class).inNamespace("default").withName("demo").get().getMetadata().getGeneration())
                .isEqualTo(1);
    }

    @Test
    void deleteRemovesTheExamples() {
        applyExamples();
        String out = kubectl.ok("delete", "-f", EXAMPLES.resolve("instancegroups.yaml").toString(),
                "-f", EXAMPLES.resolve("cluster.yaml").toString());
        assertThat(out).contains("instancegroup.slipway.io \"control-plane-us-east-1a\" deleted", "instancegroup.slipway.io \"nodes\" deleted",
                "cluster.slipway.io \"demo\" deleted");
        assertThat(client.resources(Cluster.class).inNamespace("default").list().getItems()).isEmpty();
        assertThat(client.resources(InstanceGroup.class).inNamespace("default").list().getItems()).isEmpty();
        Kubectl.Result empty = kubectl.run("get", "slc");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.stderr()).contains("No resources found in default namespace.");
        Kubectl.Result missing = kubectl.run("get", "slc", "demo");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("clusters.slipway.io \"demo\" not found");
    }

    @Test
    void deleteOfAnObjectWithAFinalizerWaitsForTheFinalizer() {
        applyExamples();
        kubectl.ok("patch", "slc", "demo", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":[\"slipway.io/cleanup\"]}}");

        assertThat(kubectl.ok("delete", "slc", "demo", "--wait=false")).contains("cluster.slipway.io \"demo\" deleted");
        Cluster marked = client.resources(Cluster.class).inNamespace("default").withName("demo").get();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(kubectl.ok("get", "slc", "demo", "-o", "jsonpath={.metadata.deletionTimestamp}")).isNotBlank();

        kubectl.ok("patch", "slc", "demo", "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
        assertThat(client.resources(Cluster.class).inNamespace("default").withName("demo").get()).isNull();
    }

    @Test
    void describeShowsTheEventsOfAnObject() {
        applyExamples();
        Cluster cluster = client.resources(Cluster.class).inNamespace("default").withName("demo").get();
        client.v1().events().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName("demo.spec").withNamespace("default").endMetadata()
                .withNewInvolvedObject().withApiVersion("slipway.io/v1alpha1").withKind("Cluster").withName("demo")
                .withNamespace("default").withUid(cluster.getMetadata().getUid()).endInvolvedObject()
                .withType("Warning").withReason("SpecInvalid").withMessage("spec.subnets[0].cidr: not inside networkCIDR")
                .withFirstTimestamp("2026-01-01T00:00:00Z").withLastTimestamp("2026-01-01T00:00:00Z").withCount(1)
                .withNewSource().withComponent("slipway").endSource().build()).create();

        String out = kubectl.ok("describe", "slc", "demo");
        assertThat(out).contains("Name:", "demo", "Region:", "us-east-1", "Events:", "SpecInvalid",
                "spec.subnets[0].cidr: not inside networkCIDR");
        assertThat(kubectl.ok("get", "events", "-o", "name")).contains("event/demo.spec");
    }

    @Test
    void apiResourcesListsTheCustomKinds() {
        String out = kubectl.ok("api-resources", "--api-group=slipway.io");
        List<Map<String, String>> rows = KubectlTable.rows(out);
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("NAME", "clusters").containsEntry("SHORTNAMES", "slc")
                .containsEntry("APIVERSION", "slipway.io/v1alpha1").containsEntry("NAMESPACED", "true")
                .containsEntry("KIND", "Cluster"));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("NAME", "instancegroups").containsEntry("SHORTNAMES", "ig"));
        assertThat(kubectl.ok("get", "namespaces", "-o", "name")).contains("namespace/default", "namespace/kube-system");
    }

    private static String applyExamples() {
        return kubectl.ok("apply", "-f", EXAMPLES.resolve("cluster.yaml").toString(),
                "-f", EXAMPLES.resolve("instancegroups.yaml").toString());
    }

    private static Map<String, String> single(String table) {
        List<Map<String, String>> rows = KubectlTable.rows(table);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
