package io.slipway.controller;

import io.slipway.testing.ClusterProgress;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.micrometer.core.instrument.Counter;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.NetworkStatus;
import io.slipway.testing.Boto3Inventory;
import io.slipway.cloud.DriftCounter;
import io.slipway.testing.Examples;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Cluster reconciler with the network engine against moto: converge, plan-only, drift put back, delete without
 * leaks (checked with boto3), bring-your-own VPC untouched, credentials from a Secret.
 */
class ClusterNetworkReconcileTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness(w -> TestReconcilers.all(w, TestReconcilers.FAST));

    @Test
    void exampleClusterNetworkConvergesAndPublishesIdsAndPlan() {
        harness.client.resource(example()).create();
        Cluster ready = awaitReady();
        NetworkStatus network = ready.getStatus().network;
        assertThat(network.vpcId).startsWith("vpc-");
        assertThat(network.subnets).hasSize(6).allSatisfy(s -> assertThat(s.id).startsWith("subnet-"));
        assertThat(network.natGateways).hasSize(3).allSatisfy(n -> assertThat(n.id).startsWith("nat-"));
        assertThat(network.securityGroups).containsKeys("controlPlane", "nodes", "apiLoadBalancer");
        assertThat(ready.getStatus().plan.summary).isEqualTo("0 to create, 0 to update, 0 to delete");
        assertThat(ready.getStatus().plan.applied).isTrue();
        assertThat(ready.getStatus().phase).as("no instance runs, so not Ready").isEqualTo("Provisioning");
        assertThat(harness.events("default", "demo")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Applied"));

        JsonNode inventory = Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo");
        assertThat(inventory.get("vpc")).hasSize(1);
        assertThat(inventory.get("natgateway")).hasSize(3);

        // Steady state: further resyncs make no AWS writes.
        long writes = harness.awsMutatingCalls();
        long reads = harness.awsCalls() - writes;
        await().atMost(WAIT).until(() -> harness.awsCalls() - harness.awsMutatingCalls() > reads + 10);
        assertThat(harness.awsMutatingCalls()).isEqualTo(writes);
    }

    @Test
    void planOnlyPublishesThePlanWithoutWritingThenAppliesIt() {
        Cluster demo = example();
        demo.getSpec().planOnly = true;
        harness.client.resource(demo).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster seen = cluster().get();
            assertThat(seen.getStatus().phase).isEqualTo("Planned");
            assertThat(seen.getStatus().plan.toCreate).isGreaterThan(30);
            assertThat(seen.getStatus().plan.summary).matches("\\d+ to create, 0 to update, 0 to delete");
            assertThat(seen.getStatus().plan.applied).isFalse();
            assertThat(seen.getStatus().plan.changes).hasSize(Math.min(50, seen.getStatus().plan.toCreate));
            assertThat(condition(seen, ConditionType.NETWORK_READY).reason).isEqualTo("PlanOnly");
            // the keys are made (off the reconcile): the plan includes the bootstrap objects they fill
            assertThat(condition(seen, ConditionType.CREDENTIALS_READY).reason).isNotEqualTo("IssuingCredentials");
        });
        int planned = cluster().get().getStatus().plan.toCreate;
        assertThat(harness.awsMutatingCalls()).as("plan-only makes no AWS writes").isZero();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo"))).isZero();

        cluster().edit(c -> {
            c.getSpec().planOnly = false;
            return c;
        });
        awaitReady();
        // The published plan, and nothing else, was applied: every planned change, each create once.
        Cluster applied = cluster().get();
        assertThat(applied.getStatus().lastAppliedPlan.toCreate).isEqualTo(planned);
        assertThat(applied.getStatus().lastAppliedPlan.changesApplied).isEqualTo(planned);
    }

    @Test
    void outOfBandChangesArePutBackAndCounted() {
        harness.client.resource(example()).create();
        Cluster ready = awaitReady();
        NetworkStatus network = ready.getStatus().network;
        Ec2Client ec2 = harness.consoleEc2();
        String nodes = network.securityGroups.get("nodes");
        String privateTable = network.routeTables.get("private-us-east-1a");
        String subnet = network.subnets.stream().filter(s -> "Private".equals(s.type)).findFirst().orElseThrow().id;
        String nat = network.natGateways.get(0).id;

        ec2.authorizeSecurityGroupIngress(r -> r.groupId(nodes).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        ec2.deleteRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0"));
        ec2.deleteTags(r -> r.resources(subnet).tags(Tag.builder().key("kubernetes.io/role/internal-elb").build()));
        ec2.deleteNatGateway(r -> r.natGatewayId(nat));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(drift("SecurityGroupRule")).as(() -> "rule added in the console removed; events: " + harness.events("default", "demo").stream()
                            .map(e -> e.getReason() + ": " + e.getMessage()).toList() + "; ready: " + condition(cluster().get(), ConditionType.READY).message).isGreaterThanOrEqualTo(1);
            assertThat(drift("Route")).as("deleted route put back").isGreaterThanOrEqualTo(1);
            assertThat(drift("Subnet")).as("removed tag put back").isGreaterThanOrEqualTo(1);
            assertThat(drift("NatGateway")).as("deleted NAT gateway replaced").isGreaterThanOrEqualTo(1);
            Cluster seen = cluster().get();
            assertThat(ClusterProgress.infrastructureReady(seen)).as(() -> "infrastructure ready: " + seen.getStatus().conditions.stream().map(c -> c.type + "=" + c.status + " " + c.reason + ": " + c.message).toList()).isTrue();
            assertThat(seen.getStatus().network.natGateways).extracting(n -> n.id).doesNotContain(nat);
        });
        assertThat(ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("group-id").values(nodes).build()))
                .securityGroupRules()).noneMatch(r -> Integer.valueOf(22).equals(r.fromPort()) && "0.0.0.0/0".equals(r.cidrIpv4()));
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(privateTable)).routeTables().get(0).routes())
                .anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock()) && r.natGatewayId() != null);
        assertThat(ec2.describeTags(r -> r.filters(Filter.builder().name("resource-id").values(subnet).build())).tags())
                .anyMatch(t -> t.key().equals("kubernetes.io/role/internal-elb") && t.value().equals("1"));
        assertThat(harness.events("default", "demo")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("DriftCorrected"));
    }

    @Test
    void deleteRemovesEveryOwnedResourceBeforeTheFinalizerGoes() {
        harness.client.resource(example()).create();
        awaitReady();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo"))).isGreaterThan(20);

        cluster().delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster().get()).isNull());
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo")))
                .as("resources tagged for the cluster after delete").isZero();
        assertThat(harness.events("default", "demo")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Deleted"));
    }

    @Test
    void bringYourOwnVpcAndSubnetsAreUsedButNeverModifiedOrDeleted() {
        Ec2Client ec2 = harness.consoleEc2();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key("Name").value("platform-shared").build()).build())).vpc().vpcId();
        Cluster demo = example();
        demo.getSpec().networkID = vpc;
        demo.getSpec().networkCIDR = "10.0.0.0/16";
        for (ClusterSubnet s : demo.getSpec().subnets) {
            s.id = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(s.cidr).availabilityZone(s.zone)).subnet().subnetId();
        }
        JsonNode before = Boto3Inventory.vpc(MotoServer.get().endpoint(), vpc);
        harness.client.resource(demo).create();
        Cluster ready = awaitReady();
        assertThat(ready.getStatus().network.vpcId).isEqualTo(vpc);

        cluster().delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster().get()).isNull());
        assertThat(Boto3Inventory.vpc(MotoServer.get().endpoint(), vpc)).as("the shared VPC and subnets, unchanged").isEqualTo(before);
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), "default/demo"))).isZero();
    }

    @Test
    void credentialsComeFromTheNamedSecretAndAreNeverShown() {
        Cluster demo = example();
        demo.getSpec().identity = new io.slipway.api.AwsIdentity();
        demo.getSpec().identity.secretRef = new io.slipway.api.SecretReference();
        demo.getSpec().identity.secretRef.name = "aws-keys";
        harness.client.resource(demo).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(condition(cluster().get(), ConditionType.READY).reason).isEqualTo("CredentialsUnavailable"));
        assertThat(condition(cluster().get(), ConditionType.READY).message).contains("default/aws-keys").contains("not found");

        String secretValue = "s3cr3t-value-that-must-not-leak";
        harness.client.secrets().resource(new SecretBuilder().withNewMetadata().withName("aws-keys").withNamespace("default").endMetadata()
                .addToStringData(ClusterCredentials.ACCESS_KEY_ID, "AKIAEXAMPLEKEY0001")
                .addToStringData(ClusterCredentials.SECRET_ACCESS_KEY, secretValue).build()).create();
        awaitReady();
        String everything = harness.client.getKubernetesSerialization().asJson(cluster().get().getStatus())
                + harness.events("default", "demo");
        assertThat(everything).doesNotContain(secretValue).doesNotContain("AKIAEXAMPLEKEY0001");
    }

    private double drift(String kind) {
        Counter c = harness.registry.find(DriftCounter.METRIC).tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    private Cluster awaitReady() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Cluster seen = cluster().get();
            assertThat(condition(seen, ConditionType.NETWORK_READY).status).isEqualTo("True");
            assertThat(ClusterProgress.infrastructureReady(seen)).as(() -> "infrastructure ready: " + seen.getStatus().conditions.stream().map(c -> c.type + "=" + c.status + " " + c.reason + ": " + c.message).toList()).isTrue();
            assertThat(seen.getStatus().observedGeneration).isEqualTo(seen.getMetadata().getGeneration());
        });
        return cluster().get();
    }

    private Resource<Cluster> cluster() {
        return harness.client.resources(Cluster.class).inNamespace("default").withName("demo");
    }

    private static Condition condition(Cluster c, String type) {
        return Conditions.get(c.getStatus().conditions, type).orElseThrow(() -> new AssertionError("no " + type + " condition"));
    }

    private Cluster example() {
        return Examples.read(Cluster.class, "examples/cluster.yaml", "demo");
    }
}
