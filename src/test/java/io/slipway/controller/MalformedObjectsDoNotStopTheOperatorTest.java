package io.slipway.controller;

import io.slipway.testing.ClusterProgress;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.slipway.testing.MalformedObjects.storeBypassingAdmission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, part 1, at operator level: a Cluster and an InstanceGroup with wrongly typed values are stored before the
 * operator starts. The operator starts with every informer running; the two are refused with the field path and the
 * type wanted, without an AWS call; a valid Cluster applied afterwards converges in moto; and a malformed object
 * stored while the operator runs is refused the same way while the others keep being reconciled.
 */
class MalformedObjectsDoNotStopTheOperatorTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "default";

    private static final String BROKEN_CLUSTER = """
            apiVersion: slipway.io/v1alpha1
            kind: Cluster
            metadata:
              name: broken
              namespace: default
            spec:
              kubernetesVersion: 1.32.4
              region: us-east-1
              networkCIDR: 10.1.0.0/16
              networking:
                cni: cilium
              subnets:
                - name: a
                  zone: us-east-1a
                  type: Public
                  cidr: 10.1.0.0/24
            """;
    private static final String BROKEN_GROUP = """
            apiVersion: slipway.io/v1alpha1
            kind: InstanceGroup
            metadata:
              name: broken-nodes
              namespace: default
            spec:
              clusterName: demo
              role: Node
              machineType: m6i.large
              image: ami-0123456789abcdef0
              minSize: two
              maxSize: 3
              subnets: us-east-1a
            """;
    private static final String LATE_CLUSTER = """
            apiVersion: slipway.io/v1alpha1
            kind: Cluster
            metadata:
              name: late
              namespace: default
            spec:
              kubernetesVersion: 1.32.4
              region: us-east-1
              networkCIDR: 10.2.0.0/16
              paused: "no"
              subnets: us-east-1a
            """;

    private OperatorHarness harness;

    @BeforeEach
    void startWithMalformedObjectsAlreadyStored() {
        harness = new OperatorHarness(w -> TestReconcilers.all(w, TestReconcilers.FAST), api -> {
            storeBypassingAdmission(api, BROKEN_CLUSTER);
            storeBypassingAdmission(api, BROKEN_GROUP);
        });
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void malformedObjectsAreRefusedWithTheirPathsAndTheOthersStillConverge() {
        assertThat(harness.runtimeInfo().isStarted()).as("operator started").isTrue();
        assertThat(harness.runtimeInfo().allEventSourcesAreHealthy()).as("every informer running").isTrue();

        awaitRefused(Cluster.class, "broken", "spec.networking.cni: must be an object, got string \"cilium\"");
        awaitRefused(InstanceGroup.class, "broken-nodes",
                "spec.minSize: must be an integer, got string \"two\"",
                "spec.subnets: must be a list of strings, got string \"us-east-1a\"");
        assertThat(harness.awsCalls()).as("AWS calls for the malformed objects").isZero();

        harness.client.resource(example("examples/cluster.yaml", "Cluster", Cluster.class)).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster demo = harness.client.resources(Cluster.class).inNamespace(NS).withName("demo").get();
            assertThat(condition(demo.getStatus().conditions, ConditionType.NETWORK_READY).status).isEqualTo(Condition.TRUE);
            assertThat(ClusterProgress.infrastructureReady(demo)).isTrue();
            assertThat(demo.getStatus().network.vpcId).startsWith("vpc-");
            assertThat(demo.getStatus().network.subnets).hasSize(6);
        });

        // Stored while the operator runs: refused the same way, and the informers keep delivering other objects.
        storeBypassingAdmission(harness.api, LATE_CLUSTER);
        awaitRefused(Cluster.class, "late",
                "spec.paused: must be a boolean (true or false), got string \"no\"",
                "spec.subnets: must be a list of objects, got string \"us-east-1a\"");
        harness.client.resource(example("examples/instancegroups.yaml", "name: nodes", InstanceGroup.class)).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            InstanceGroup nodes = harness.client.resources(InstanceGroup.class).inNamespace(NS).withName("nodes").get();
            assertThat(condition(nodes.getStatus().conditions, ConditionType.SPEC_VALID).status).isEqualTo(Condition.TRUE);
            assertThat(condition(nodes.getStatus().conditions, ConditionType.CLUSTER_FOUND).status).isEqualTo(Condition.TRUE);
        });
        assertThat(harness.runtimeInfo().allEventSourcesAreHealthy()).as("every informer still running").isTrue();
    }

    private void awaitRefused(Class<? extends HasMetadata> type, String name, String... messages) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            HasMetadata seen = harness.client.resources(type).inNamespace(NS).withName(name).get();
            List<Condition> conditions = seen instanceof Cluster c ? c.getStatus().conditions : ((InstanceGroup) seen).getStatus().conditions;
            Condition specValid = condition(conditions, ConditionType.SPEC_VALID);
            assertThat(specValid.status).isEqualTo(Condition.FALSE);
            assertThat(specValid.message).contains(messages).doesNotContain("required");
            assertThat(condition(conditions, ConditionType.STALLED).status).isEqualTo(Condition.TRUE);
            assertThat(condition(conditions, ConditionType.READY).status).isEqualTo(Condition.FALSE);
            assertThat(harness.events(NS, name)).anySatisfy(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo(SpecRefusal.REASON);
                assertThat(e.getMessage()).contains(messages[0]);
            });
        });
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return Conditions.get(conditions, type).orElseThrow(() -> new AssertionError("no " + type + " condition yet"));
    }

    private <T extends HasMetadata> T example(String file, String marker, Class<T> type) {
        try {
            String doc = Arrays.stream(Files.readString(Path.of(file)).split("(?m)^---\\s*$"))
                    .filter(d -> d.contains(marker)).findFirst().orElseThrow();
            return harness.client.getKubernetesSerialization().unmarshal(doc, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
