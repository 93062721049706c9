package io.slipway.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.aws.ccm.CcmKinds;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.CcmLeftovers;
import io.slipway.testing.ClusterProgress;
import io.slipway.testing.MotoImages;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kubectl delete slc} also removes what the cloud-controller-manager and the EBS CSI driver made for the
 * cluster (made here with boto3 as they make it), as {@code kops delete cluster} does; while the cluster lives, its
 * reconciles leave them alone, and so does the delete of another Cluster of the same name.
 */
class ClusterDeletionTakesCcmLeftoversTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ReconcileSettings FAST = new ReconcileSettings(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2), 50);
    private static final AwsInventory.Scope DEMO = AwsInventory.Scope.of("default/demo");
    private final URI moto = MotoServer.get().endpoint();
    private OperatorHarness harness;
    private AwsInventory console;

    @BeforeEach
    void start() {
        harness = new OperatorHarness(w -> TestReconcilers.all(w, FAST));
        console = new AwsInventory(moto);
    }

    @AfterEach
    void stop() {
        console.close();
        harness.close();
    }

    @Test
    void deletingTheClusterRemovesWhatTheCcmAndCsiDriverMadeForItOnceItsInstancesAreGone() {
        buildDemo();
        Ec2Client ec2 = harness.consoleEc2();
        Network network = network();
        String ami = MotoImages.any(ec2);
        // the instance a volume is attached to, outside the cluster's network: instances are the InstanceGroups' to
        // delete, and moto keeps a terminated instance's network interface in its subnet
        String node = ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone("us-east-1a"))).instances().get(0).instanceId();
        JsonNode made = CcmLeftovers.make(moto, "demo", network.vpc(), network.subnets(), network.nodeGroup(), node);
        assertThat(leftovers()).as("made by the CCM and the CSI driver").isEqualTo(9);

        requestReconcile("after-the-ccm");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster("default").get().getStatus().lastHandledReconcileAt).isEqualTo("after-the-ccm"));
        assertThat(cluster("default").get().getStatus().plan.toDelete).as("a living cluster's plan").isZero();
        assertThat(leftovers()).as("after a reconcile of the living cluster").isEqualTo(9);

        cluster("default").delete();
        String attached = CcmLeftovers.ids(made, "cluster", "volume").get(1);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Condition ready = Conditions.get(cluster("default").get().getStatus().conditions, ConditionType.READY).orElseThrow();
            assertThat(ready.reason).isEqualTo("Deleting");
            assertThat(ready.message).contains("csi/volume/" + attached).contains("VolumeInUse");
        });
        assertThat(console.of("CsiVolume", DEMO)).as("the volume still attached to an instance waits").containsExactly(attached);

        // what the InstanceGroups' teardown does: the instance goes, and its volumes are detached
        ec2.detachVolume(r -> r.volumeId(attached).instanceId(node).device("/dev/xvdba"));
        ec2.terminateInstances(r -> r.instanceIds(node));
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster("default").get()).as(this::readyMessage).isNull());

        JsonNode left = Boto3Inventory.tagged(moto, "default/demo");
        assertThat(Boto3Inventory.count(left)).as(left.toString()).isZero();
        assertThat(leftovers()).isZero();
        assertThat(CcmLeftovers.aloneButGone(console, made)).as("another cluster's, and shared").isEmpty();
    }

    @Test
    void deletingAnotherClusterOfTheSameNameLeavesThemAlone() {
        buildDemo();
        Network network = network();
        CcmLeftovers.make(moto, "demo", network.vpc(), network.subnets(), network.nodeGroup(), null);
        Cluster twin = harness.example(Cluster.class, "examples/cluster.yaml", "demo");
        twin.getMetadata().setNamespace("team-b");
        harness.client.resource(twin).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(Conditions.get(
                cluster("team-b").get().getStatus().conditions, ConditionType.READY).orElseThrow().reason)
                .isEqualTo(ClusterNameCheck.REASON));

        cluster("team-b").delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster("team-b").get()).isNull());

        assertThat(leftovers()).as("default/demo's, after team-b/demo was deleted").isEqualTo(9);
        assertThat(ClusterProgress.infrastructureReady(cluster("default").get())).isTrue();
    }

    private String readyMessage() {
        Cluster seen = cluster("default").get();
        return seen == null ? "gone" : Conditions.get(seen.getStatus().conditions, ConditionType.READY).map(c -> c.message).orElse("");
    }

    private void buildDemo() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(ClusterProgress.infrastructureReady(cluster("default").get())).isTrue());
    }

    /** The cluster's VPC, two of its private subnets and the nodes' group, as boto3 sees them. */
    private Network network() {
        Map<String, String> byLogicalId = new HashMap<>();
        Boto3Inventory.tagged(moto, "default/demo").forEach(kind -> kind.forEach(resource ->
                byLogicalId.put(resource.path("resource").asText(), resource.path("id").asText())));
        return new Network(byLogicalId.get("vpc"), List.of(byLogicalId.get("subnet/us-east-1a"),
                byLogicalId.get("subnet/us-east-1b")), byLogicalId.get("securitygroup/nodes"));
    }

    private record Network(String vpc, List<String> subnets, String nodeGroup) {
        Network {
            assertThat(new ArrayList<>(java.util.Arrays.asList(vpc, nodeGroup))).doesNotContainNull();
            assertThat(subnets).doesNotContainNull();
        }
    }

    private int leftovers() {
        return CcmKinds.NAMES.stream().mapToInt(kind -> console.of(kind, DEMO).size()).sum();
    }

    private void requestReconcile(String value) {
        cluster("default").edit(c -> {
            Map<String, String> annotations = new HashMap<>(c.getMetadata().getAnnotations() == null ? Map.of() : c.getMetadata().getAnnotations());
            annotations.put(ReconcileTrigger.REQUESTED_AT, value);
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
    }

    private Resource<Cluster> cluster(String namespace) {
        return harness.client.resources(Cluster.class).inNamespace(namespace).withName("demo");
    }
}
