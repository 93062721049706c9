package io.slipway.controller;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.MalformedValue;
import io.slipway.validation.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of issue 6 and Jackson's silent coercions, read with the production deserialisation: each wrongly typed
 * value is reported with its path, the type the API wants and the JSON it got, and nothing of it is ever serialised.
 */
class TolerantDeserializationTest {
    private static final KubernetesSerialization PRODUCTION = TolerantDeserialization.serialization();

    private static final String CLUSTER = """
            {"apiVersion": "slipway.io/v1alpha1", "kind": "Cluster", "metadata": {"name": "demo", "namespace": "default"},
             "spec": {"kubernetesVersion": "1.32.4", "region": "us-east-1", "networkCIDR": "10.0.0.0/16",
                      "subnets": [{"name": "a", "zone": "us-east-1a", "type": "Public", "cidr": "10.0.0.0/24"}] %s}}""";
    private static final String GROUP = """
            {"apiVersion": "slipway.io/v1alpha1", "kind": "InstanceGroup", "metadata": {"name": "nodes", "namespace": "default"},
             "spec": {"clusterName": "demo", "role": "Node", "machineType": "m6i.large", "image": "ami-0123456789abcdef0",
                      "maxSize": 3 %s}}""";

    @Test
    void aStringWhereTheApiHasAnObjectIsReportedWithItsPath() {
        assertThat(clusterErrors(", \"networking\": {\"cni\": \"cilium\"}"))
                .containsExactly("spec.networking.cni: must be an object, got string \"cilium\"");
    }

    @Test
    void aStringWhereTheApiHasAListIsReportedWithItsPath() {
        assertThat(groupErrors(", \"minSize\": 1, \"subnets\": \"eu-west-1a\""))
                .containsExactly("spec.subnets: must be a list of strings, got string \"eu-west-1a\"");
    }

    @Test
    void aStringWhereTheApiHasAnIntegerSaysSoInsteadOfRequired() {
        assertThat(groupErrors(", \"minSize\": \"two\"")).containsExactly("spec.minSize: must be an integer, got string \"two\"");
    }

    @Test
    void valuesJacksonWouldCoerceAreRefusedAsARealApiServerDoes() {
        assertThat(groupErrors(", \"minSize\": \"2\"")).containsExactly("spec.minSize: must be an integer, got string \"2\"");
        assertThat(groupErrors(", \"minSize\": 2.5")).containsExactly("spec.minSize: must be an integer, got number 2.5");
        assertThat(groupErrors(", \"minSize\": 1, \"machineType\": 5")).containsExactly("spec.machineType: must be a string, got number 5");
        assertThat(clusterErrors(", \"paused\": \"true\"")).containsExactly("spec.paused: must be a boolean (true or false), got string \"true\"");
        assertThat(clusterErrors(", \"cloudLabels\": {\"team\": 7}")).containsExactly("spec.cloudLabels[team]: must be a string, got number 7");
    }

    @Test
    void anIntegerOutOfRangeIsReportedNotThrown() {
        assertThat(groupErrors(", \"minSize\": 99999999999"))
                .containsExactly("spec.minSize: must be an integer from -2147483648 to 2147483647, got number 99999999999");
    }

    @Test
    void aWronglyTypedListItemIsReportedAtItsIndexAndTheOthersAreStillChecked() {
        assertThat(clusterErrors(", \"kubernetesApiAccess\": [\"10.0.0.0/8\", {\"cidr\": \"x\"}, \"not-a-cidr\"]"))
                .hasSize(2)
                .contains("spec.kubernetesApiAccess[1]: must be a string, got an object")
                .anyMatch(e -> e.startsWith("spec.kubernetesApiAccess[2]:"));
    }

    @Test
    void aWronglyTypedSpecIsReportedAsSuch() {
        Cluster cluster = PRODUCTION.unmarshal("{\"apiVersion\": \"slipway.io/v1alpha1\", \"kind\": \"Cluster\", \"metadata\": {\"name\": \"x\"}, \"spec\": [1]}",
                Cluster.class);
        assertThat(new ClusterSpecChecks().check(nameOf(cluster), cluster.getSpec(), null, cluster.getMalformedValues()))
                .extracting(FieldError::toString).containsExactly("spec: must be an object, got a list");
    }

    @Test
    void aWronglyTypedStatusIsReadAsAbsentAndIsNoSpecError() {
        String json = CLUSTER.formatted("").replaceFirst("}}$", "}, \"status\": {\"conditions\": \"broken\", \"network\": {\"vpcId\": 5}, \"phase\": \"Ready\"}}");
        Cluster cluster = PRODUCTION.unmarshal(json, Cluster.class);
        assertThat(cluster.getStatus().phase).isEqualTo("Ready");
        assertThat(cluster.getStatus().network.vpcId).isNull();
        assertThat(cluster.getMalformedValues()).extracting(MalformedValue::path).containsExactly("status.conditions", "status.network.vpcId");
        assertThat(new ClusterSpecChecks().check(nameOf(cluster), cluster.getSpec(), null, cluster.getMalformedValues())).isEmpty();
    }

    @Test
    void oddlyTypedLabelsAndAnnotationsDoNotStopTheRead() {
        String json = CLUSTER.formatted("").replace("\"namespace\": \"default\"}",
                "\"namespace\": \"default\", \"labels\": \"team\", \"annotations\": {\"a\": {\"b\": 1}, \"c\": 2}}");
        Cluster cluster = PRODUCTION.unmarshal(json, Cluster.class);
        assertThat(cluster.getMetadata().getName()).isEqualTo("demo");
        assertThat(cluster.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(cluster.getMetadata().getAnnotations()).containsEntry("c", "2");
    }

    @Test
    void whatWasFoundIsNeverSerialisedButSurvivesJosdksCopy() {
        Cluster cluster = PRODUCTION.unmarshal(CLUSTER.formatted(", \"networking\": {\"cni\": \"cilium\"}"), Cluster.class);
        assertThat(cluster.getMalformedValues()).hasSize(1);
        String json = PRODUCTION.asJson(cluster);
        assertThat(json).doesNotContain("alformed").doesNotContain("cilium");
        assertThat(PRODUCTION.clone(cluster).getMalformedValues()).as("a plain copy loses it").isEmpty();
        assertThat(MalformedValuesSeen.of(PRODUCTION.clone(cluster))).as("without uid and resourceVersion").isEmpty();

        Cluster stored = PRODUCTION.unmarshal(CLUSTER.replace("\"namespace\": \"default\"",
                "\"namespace\": \"default\", \"uid\": \"u-1\", \"resourceVersion\": \"7\"")
                .formatted(", \"networking\": {\"cni\": \"cilium\"}"), Cluster.class);
        assertThat(MalformedValuesSeen.of(PRODUCTION.clone(stored))).as("a copy of a stored version")
                .isEqualTo(stored.getMalformedValues()).hasSize(1);
        Cluster fixed = PRODUCTION.unmarshal(CLUSTER.replace("\"namespace\": \"default\"",
                "\"namespace\": \"default\", \"uid\": \"u-1\", \"resourceVersion\": \"8\"").formatted(""), Cluster.class);
        assertThat(MalformedValuesSeen.of(PRODUCTION.clone(fixed))).as("the next, clean version").isEmpty();
    }

    private static List<String> clusterErrors(String extraSpec) {
        Cluster cluster = PRODUCTION.unmarshal(CLUSTER.formatted(extraSpec), Cluster.class);
        return new ClusterSpecChecks().check(nameOf(cluster), cluster.getSpec(), null, cluster.getMalformedValues()).stream().map(FieldError::toString).toList();
    }

    private static List<String> groupErrors(String extraSpec) {
        InstanceGroup group = PRODUCTION.unmarshal(GROUP.formatted(extraSpec), InstanceGroup.class);
        return new InstanceGroupSpecChecks().check(nameOf(group), group.getSpec(), null, null, group.getMalformedValues()).stream().map(FieldError::toString).toList();
    }

    private static String nameOf(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object.getMetadata() == null ? null : object.getMetadata().getName();
    }
}
