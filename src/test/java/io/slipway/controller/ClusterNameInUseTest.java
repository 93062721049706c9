package io.slipway.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One Kubernetes cluster name per account and region: a Cluster whose name is already used there by resources it did
 * not create (another namespace's Cluster of the same name, a kops cluster) stalls with ClusterNameInUse and creates
 * nothing; checked in moto with boto3.
 */
class ClusterNameInUseTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ReconcileSettings FAST = new ReconcileSettings(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(1), 50);
    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, FAST));

    @Test
    void sameNameInAnotherNamespaceStallsUntilTheFirstIsDeleted() {
        harness.client.resource(newCluster("default", "acc")).create();
        Cluster first = awaitReason("default", "acc", "NoControlPlaneGroup");
        String firstVpc = first.getStatus().network.vpcId;

        harness.client.resource(newCluster("other", "acc")).create();
        Cluster stalled = awaitReason("other", "acc", ClusterNameCheck.REASON);
        assertThat(condition(stalled, ConditionType.STALLED).status).isEqualTo("True");
        assertThat(condition(stalled, ConditionType.STALLED).reason).isEqualTo(ClusterNameCheck.REASON);
        assertThat(condition(stalled, ConditionType.READY).message)
                .contains("kubernetes.io/cluster/acc").contains(firstVpc).contains("Slipway Cluster default/acc");
        assertThat(harness.events("other", "acc")).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo(ClusterNameCheck.REASON);
        });
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "other/acc")))
                .as("resources created for other/acc").isZero();
        JsonNode taggedAcc = inventory("kubernetes.io/cluster/acc=owned");
        assertThat(Boto3Inventory.count(taggedAcc)).isGreaterThan(5);
        // every tagged resource is default/acc's (object versions and listeners are listed untagged, under their container)
        taggedAcc.forEach(kind -> kind.forEach(r -> {
            if (!r.path("tags").isEmpty()) {
                assertThat(r.at("/tags/slipway.io~1cluster").asText()).isEqualTo("default/acc");
            }
        }));

        existing("default", "acc").delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(existing("default", "acc").get()).isNull());
        // A deleted NAT gateway stays visible, tags and all, for about an hour (on AWS as in moto): not a collision.
        assertThat(harness.consoleEc2().describeNatGateways().natGateways())
                .anySatisfy(nat -> assertThat(nat.stateAsString()).isEqualTo("deleted"));
        Cluster proceeded = awaitReason("other", "acc", "NoControlPlaneGroup");
        assertThat(proceeded.getStatus().network.vpcId).isNotEqualTo(firstVpc);
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "other/acc"))).isGreaterThan(5);
    }

    @Test
    void aKopsStyleVpcTaggedWithTheNameStallsANewCluster() {
        Ec2Client ec2 = harness.consoleEc2();
        String kopsVpc = ec2.createVpc(r -> r.cidrBlock("172.20.0.0/16").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key("kubernetes.io/cluster/acc").value("owned").build(),
                        Tag.builder().key("Name").value("acc.k8s.local").build()).build())).vpc().vpcId();

        harness.client.resource(newCluster("default", "acc")).create();
        Cluster stalled = awaitReason("default", "acc", ClusterNameCheck.REASON);
        assertThat(condition(stalled, ConditionType.STALLED).status).isEqualTo("True");
        assertThat(condition(stalled, ConditionType.READY).message).contains(kopsVpc).contains("not made by Slipway");
        assertThat(stalled.getStatus().phase).isEqualTo("Failed");
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/acc"))).isZero();
        JsonNode tagged = inventory("kubernetes.io/cluster/acc=owned");
        assertThat(tagged.get("vpc")).as("only the kops VPC").hasSize(1);
        assertThat(tagged.get("vpc").get(0).get("id").asText()).isEqualTo(kopsVpc);
        // besides the VPC, the inventory lists only its two DNS attributes
        assertThat(Boto3Inventory.count(tagged)).isEqualTo(3);
    }

    @Test
    void aBringYourOwnVpcTheSpecNamesIsNoCollision() {
        Ec2Client ec2 = harness.consoleEc2();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key("kubernetes.io/cluster/acc").value("shared").build()).build()))
                .vpc().vpcId();
        String gateway = ec2.createInternetGateway().internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(gateway));
        Cluster byo = newCluster("default", "acc");
        byo.getSpec().networkID = vpc;

        harness.client.resource(byo).create();
        Cluster ready = awaitReason("default", "acc", "NoControlPlaneGroup");
        assertThat(ready.getStatus().network.vpcId).isEqualTo(vpc);
    }

    private JsonNode inventory(String tag) {
        return Boto3Inventory.taggedWith(MotoServer.get().endpoint(), tag);
    }

    private Cluster awaitReason(String namespace, String name, String reason) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster seen = existing(namespace, name).get();
            assertThat(condition(seen, ConditionType.READY).reason).as(() -> namespace + "/" + name + ": "
                    + condition(seen, ConditionType.READY).message).isEqualTo(reason);
            assertThat(seen.getStatus().observedGeneration).isEqualTo(seen.getMetadata().getGeneration());
        });
        return existing(namespace, name).get();
    }

    private Resource<Cluster> existing(String namespace, String name) {
        return harness.client.resources(Cluster.class).inNamespace(namespace).withName(name);
    }

    private static Condition condition(Cluster c, String type) {
        return Conditions.get(c.getStatus().conditions, type).orElseThrow(() -> new AssertionError("no " + type + " condition"));
    }

    /** A small public network: one VPC, one subnet, an internet gateway, routes and security groups. */
    private Cluster newCluster(String namespace, String name) {
        return harness.client.getKubernetesSerialization().unmarshal("""
                apiVersion: slipway.io/v1alpha1
                kind: Cluster
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  kubernetesVersion: 1.32.4
                  region: us-east-1
                  networkCIDR: 10.0.0.0/16
                  natGateways: Single
                  subnets:
                    - name: us-east-1a
                      zone: us-east-1a
                      type: Public
                      cidr: 10.0.0.0/20
                    - name: private-us-east-1a
                      zone: us-east-1a
                      type: Private
                      cidr: 10.0.16.0/20
                """.formatted(name, namespace), Cluster.class);
    }
}
