package io.slipway.controller;

import io.slipway.testing.ClusterProgress;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.api.NetworkStatus;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

import java.time.Duration;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The annotation slipway.io/reconcile-requested-at reconciles a Cluster or InstanceGroup at once, although only spec
 * changes start a reconcile otherwise, and status echoes the handled value. The resync is an hour here, so nothing
 * but the annotation can explain a reconcile after convergence.
 */
class ReconcileOnRequestTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ReconcileSettings HOURLY_RESYNC = new ReconcileSettings(Duration.ofHours(1), Duration.ofMillis(300), Duration.ofSeconds(2), 50);
    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, HOURLY_RESYNC));

    @Test
    void requestPutsDriftBackAtOnceAndStatusEchoesIt() {
        harness.client.resource(harness.example(Cluster.class, "examples/cluster.yaml", "demo")).create();
        Cluster ready = awaitReady();
        assertThat(ready.getStatus().plan.summary).isEqualTo("0 to create, 0 to update, 0 to delete");
        assertThat(ready.getStatus().lastAppliedPlan.summary).as("the last apply, kept beside the converged plan")
                .matches("\\d+ to create, 0 to update, 0 to delete");
        // the keys are made off the reconcile: the last apply of a new cluster can be its bootstrap objects alone
        assertThat(ready.getStatus().lastAppliedPlan.toCreate).isPositive();
        assertThat(ready.getStatus().lastAppliedPlan.appliedAt).isNotBlank();
        assertThat(ready.getStatus().lastHandledReconcileAt).isNull();

        NetworkStatus network = ready.getStatus().network;
        Ec2Client ec2 = harness.consoleEc2();
        String nodes = network.securityGroups.get("nodes");
        String privateTable = network.routeTables.get("private-us-east-1a");
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(nodes).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        ec2.deleteRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0"));

        requestReconcile(cluster(), "2026-11-30T11:00:00Z");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster().get().getStatus().lastHandledReconcileAt).isEqualTo("2026-11-30T11:00:00Z"));
        // The status that echoes the request is written by the reconcile that applied the fix.
        assertThat(ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("group-id").values(nodes).build()))
                .securityGroupRules()).as("rule added out of band is gone")
                .noneMatch(r -> Integer.valueOf(22).equals(r.fromPort()) && "0.0.0.0/0".equals(r.cidrIpv4()));
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(privateTable)).routeTables().get(0).routes())
                .as("deleted route is back").anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock()) && r.natGatewayId() != null);
        assertThat(harness.events("default", "demo")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("DriftCorrected"));

        Cluster again = awaitReady();
        assertThat(again.getStatus().plan.summary).isEqualTo("0 to create, 0 to update, 0 to delete");
        assertThat(again.getStatus().lastAppliedPlan.summary).as("the drift fix").isEqualTo("1 to create, 0 to update, 1 to delete");
        assertThat(again.getStatus().lastAppliedPlan.changesApplied).isEqualTo(2);
    }

    @Test
    void instanceGroupEchoesEachRequest() {
        harness.client.resource(harness.example(InstanceGroup.class, "examples/instancegroups.yaml", "nodes")).create();
        Resource<InstanceGroup> nodes = harness.client.resources(InstanceGroup.class).inNamespace("default").withName("nodes");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(Conditions.get(nodes.get().getStatus().conditions, ConditionType.CLUSTER_FOUND).orElseThrow().status).isEqualTo("False"));
        double before = harness.reconciles(InstanceGroupReconciler.NAME);

        requestReconcile(nodes, "first");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(nodes.get().getStatus().lastHandledReconcileAt).isEqualTo("first"));
        requestReconcile(nodes, "second");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(nodes.get().getStatus().lastHandledReconcileAt).isEqualTo("second"));
        assertThat(harness.reconciles(InstanceGroupReconciler.NAME)).isGreaterThanOrEqualTo(before + 2);
        assertThat(nodes.get().getStatus().observedGeneration).as("no spec change").isEqualTo(1L);
    }

    private static <T extends HasMetadata> void requestReconcile(Resource<T> resource, String value) {
        resource.edit(r -> {
            HashMap<String, String> annotations = new HashMap<>(r.getMetadata().getAnnotations() == null ? java.util.Map.of() : r.getMetadata().getAnnotations());
            annotations.put(ReconcileTrigger.REQUESTED_AT, value);
            r.getMetadata().setAnnotations(annotations);
            return r;
        });
    }

    private Cluster awaitReady() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster seen = cluster().get();
            assertThat(ClusterProgress.infrastructureReady(seen)).isTrue();
            assertThat(seen.getStatus().observedGeneration).isEqualTo(seen.getMetadata().getGeneration());
        });
        return cluster().get();
    }

    private Resource<Cluster> cluster() {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo");
    }
}
