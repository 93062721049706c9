package io.slipway.controller;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.model.InstanceGroupIds;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.ClusterProgress;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;

import java.time.Duration;

import static io.slipway.controller.TestReconcilers.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator builds an InstanceGroup once its Cluster's infrastructure is there: status lists the instances moto
 * launched, all up to date, and the group says it waits for nodes instead of claiming Ready. Deleting the group
 * removes its launch template and auto scaling group and leaves the cluster's resources alone.
 */
@ExtendWith(MotoExtension.class)
class InstanceGroupReconcileTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, FAST));

    @Test
    void aGroupReachesItsInstancesAndIsDeletedAlone() {
        String image = registerImage();
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        InstanceGroup nodes = harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        nodes.getSpec().image = "self/team-ubuntu-24.04-*";
        nodes.getSpec().minSize = 2;
        nodes.getSpec().maxSize = 4;
        harness.client.resource(nodes).create();

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            InstanceGroupStatus status = group().get().getStatus();
            assertThat(status.instances).as("%s", status.conditions).hasSize(2)
                    .allSatisfy(i -> {
                        assertThat(i.id).startsWith("i-");
                        assertThat(i.zone).startsWith("us-east-1");
                        assertThat(i.upToDate).isTrue();
                        assertThat(i.ready).isFalse();
                        assertThat(i.nodeName).isNull();
                    });
            // converged in AWS: no workload API answers here (no control plane runs), so the group waits for it
            // and never claims Ready
            Condition ready = Conditions.get(status.conditions, ConditionType.READY).orElseThrow();
            assertThat(ready.status).isEqualTo(Condition.FALSE);
            assertThat(ready.reason).isEqualTo("WaitingForAPIServer");
            assertThat(ready.message).contains("2 instance(s)");
        });
        InstanceGroup built = group().get();
        InstanceGroupStatus status = built.getStatus();
        assertThat(status.replicas).isEqualTo(2);
        assertThat(status.updatedReplicas).isEqualTo(2);
        assertThat(status.readyReplicas).isZero();
        assertThat(status.autoScalingGroupName).startsWith("default-demo-nodes-");
        assertThat(status.launchTemplate.id).startsWith("lt-");
        assertThat(status.launchTemplate.version).isEqualTo(1L);
        assertThat(status.launchTemplate.configHash).hasSize(12);
        assertThat(status.plan.applied).isTrue();
        assertThat(status.resolvedImage).isEqualTo(image);
        assertThat(harness.events("default", "nodes")).filteredOn(e -> "Applied".equals(e.getReason())).first()
                .satisfies(e -> assertThat(e.getMessage()).as("what was applied, by name")
                        .contains("create " + InstanceGroupIds.LAUNCH_TEMPLATE, "create " + InstanceGroupIds.AUTO_SCALING_GROUP));
        assertThat(Conditions.get(status.conditions, ConditionType.STALLED).orElseThrow().status).isEqualTo(Condition.FALSE);
        assertThat(harness.events("default", "nodes")).noneMatch(e -> "DriftCorrected".equals(e.getReason()));

        // a console user changes the group's max size: put back, and told as drift, not as an apply of the spec
        var autoScaling = harness.consoleAutoScaling();
        autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(status.autoScalingGroupName).maxSize(9));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(status.autoScalingGroupName))
                    .autoScalingGroups().get(0).maxSize()).isEqualTo(4);
            assertThat(harness.events("default", "nodes")).filteredOn(e -> "DriftCorrected".equals(e.getReason())).first()
                    .satisfies(e -> {
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getMessage()).contains("update " + InstanceGroupIds.AUTO_SCALING_GROUP);
                    });
        });
        assertThat(harness.events("default", "nodes")).filteredOn(e -> "Applied".equals(e.getReason())).hasSize(1);
        assertThat(ClusterProgress.infrastructureReady(harness.client.resources(Cluster.class).inNamespace("default")
                .withName("demo").get())).isTrue();

        try (AwsInventory inventory = new AwsInventory(MotoServer.get().endpoint())) {
            AwsInventory.Scope scope = AwsInventory.Scope.of("default/demo");
            int subnets = inventory.of("Subnet", scope).size();
            group().delete();
            await().atMost(WAIT).untilAsserted(() -> assertThat(group().get()).isNull());
            assertThat(inventory.of("AutoScalingGroup", scope)).isEmpty();
            assertThat(inventory.of("LaunchTemplate", scope)).isEmpty();
            assertThat(inventory.of("Instance", scope)).isEmpty();
            assertThat(inventory.of("Subnet", scope)).hasSize(subnets);
        }
    }

    @Test
    void deletingTheClusterTakesItsRunningGroupsFirstAndLeavesNothing() {
        registerImage();
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        InstanceGroup nodes = harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        nodes.getSpec().image = "self/team-ubuntu-24.04-*";
        nodes.getSpec().minSize = 1;
        harness.client.resource(nodes).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(group().get().getStatus().instances).hasSize(1));

        harness.client.resources(Cluster.class).inNamespace("default").withName("demo").delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.client.resources(Cluster.class).inNamespace("default").withName("demo").get()).isNull();
            assertThat(group().get()).isNull();
        });
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo")))
                .as("resources tagged for the cluster after delete").isZero();
        try (AwsInventory inventory = new AwsInventory(MotoServer.get().endpoint())) {
            assertThat(inventory.all(AwsInventory.Scope.of("default/demo"))).isEmpty();
        }
    }

    private String registerImage() {
        return harness.consoleEc2().registerImage(r -> r.name("team-ubuntu-24.04-20260101").architecture(ArchitectureValues.X86_64)
                .rootDeviceName("/dev/sda1").virtualizationType("hvm")
                .blockDeviceMappings(b -> b.deviceName("/dev/sda1").ebs(e -> e.volumeSize(8)))).imageId();
    }

    private Resource<InstanceGroup> group() {
        return harness.client.resources(InstanceGroup.class).inNamespace("default").withName("nodes");
    }
}
