package io.slipway.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Names outside the rule (io.slipway.api.NameRules) are refused at admission by the CRDs' CEL rule on metadata.name;
 * those that reach the operator anyway (objects stored before the rule, a permissive server: here the test API with
 * validation off) are refused before any AWS call.
 */
class InvalidNamesAreRefusedTest {
    private static OperatorHarness harness;

    @BeforeAll
    static void start() {
        harness = new OperatorHarness(TestReconcilers::all);
        harness.api.setCustomResourceValidation(false);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void theApiRefusesThemAtAdmission() {
        harness.api.setCustomResourceValidation(true);
        try {
            assertThatThrownBy(() -> harness.client.resource(cluster("my.cluster", false)).create())
                    .hasMessageContaining("422").hasMessageContaining("a Cluster's name must be a lowercase DNS label");
            assertThat(harness.client.resources(Cluster.class).inNamespace("default").withName("my.cluster").get()).isNull();
        } finally {
            harness.api.setCustomResourceValidation(false);
        }
    }

    @Test
    void clusterNamesThatAreNotDnsLabelsAreRefused() {
        long callsBefore = harness.awsCalls();
        for (String name : List.of("my.cluster", "c".repeat(64))) {
            harness.client.resource(cluster(name, false)).create();
            awaitRefused(Cluster.class, name, "a Cluster's name must be a lowercase DNS label");
        }
        assertThat(harness.awsCalls()).as("AWS calls while refusing names").isEqualTo(callsBefore);
    }

    @Test
    void instanceGroupNamesThatAreNotDnsLabelsAreRefused() {
        harness.client.resource(cluster("igs", true)).create();
        InstanceGroup ig = harness.client.getKubernetesSerialization().unmarshal("""
                apiVersion: slipway.io/v1alpha1
                kind: InstanceGroup
                metadata:
                  name: nodes.us-east-1a
                  namespace: default
                spec:
                  clusterName: igs
                  role: Node
                  machineType: m6i.large
                  image: ami-0123456789abcdef0
                  minSize: 1
                  maxSize: 1
                """, InstanceGroup.class);
        harness.client.resource(ig).create();
        awaitRefused(InstanceGroup.class, "nodes.us-east-1a", "an InstanceGroup's name must be a lowercase DNS label");
    }

    private static <T extends HasMetadata> void awaitRefused(Class<T> type, String name, String message) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            List<Condition> conditions = conditions(harness.client.resources(type).inNamespace("default").withName(name).get());
            Condition specValid = Conditions.get(conditions, ConditionType.SPEC_VALID).orElseThrow();
            assertThat(specValid.status).isEqualTo("False");
            assertThat(specValid.message).contains("metadata.name: " + message);
            assertThat(Conditions.get(conditions, ConditionType.STALLED).orElseThrow().status).isEqualTo("True");
            assertThat(harness.events("default", name)).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InvalidSpec"));
        });
    }

    private static List<Condition> conditions(HasMetadata resource) {
        if (resource instanceof Cluster c) {
            return c.getStatus().conditions;
        }
        return ((InstanceGroup) resource).getStatus().conditions;
    }

    private static Cluster cluster(String name, boolean paused) {
        return harness.client.getKubernetesSerialization().unmarshal("""
                apiVersion: slipway.io/v1alpha1
                kind: Cluster
                metadata:
                  name: %s
                  namespace: default
                spec:
                  kubernetesVersion: 1.32.4
                  region: us-east-1
                  networkCIDR: 10.0.0.0/16
                  paused: %s
                  subnets:
                    - name: us-east-1a
                      zone: us-east-1a
                      type: Public
                      cidr: 10.0.0.0/20
                """.formatted(name, paused), Cluster.class);
    }
}
