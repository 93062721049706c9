package io.slipway.aws.ec2;

import io.slipway.testing.Boto3Inventory;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.SubnetType;
import io.slipway.cloud.ApplyListener;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.cloud.TeardownOptions;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(MotoExtension.class)
class Ec2TeardownTest {
    private static final String OWNER = "prod/demo";

    private Ec2TestClients clients;

    @AfterEach
    void close() {
        if (clients != null) {
            clients.close();
        }
    }

    private Engine engine(MeterRegistry registry) {
        clients = Ec2TestClients.of(registry);
        return Ec2NetworkKinds.engine(clients.ec2());
    }

    private static TagSpecification leakedTags(ResourceType type, String logicalId) {
        return TagSpecification.builder().resourceType(type).tags(
                Tag.builder().key(Ec2Tags.CLUSTER).value(OWNER).build(),
                Tag.builder().key(Ec2Tags.RESOURCE).value(logicalId).build()).build();
    }

    @Test
    void deleteAllOwnedLeavesNothingTaggedIncludingResourcesLeakedByEarlierRuns(MeterRegistry registry, URI moto) {
        Engine engine = engine(registry);
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        assertThat(engine.apply(engine.plan(NetworkModel.build(cluster))).isComplete()).isTrue();
        try (Ec2Inventory console = new Ec2Inventory(moto)) {
            // what a crash of an older version of the spec could have left behind
            String vpcId = engine.plan(NetworkModel.build(cluster)).resource("vpc").orElseThrow().cloudId();
            console.ec2.allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(leakedTags(ResourceType.ELASTIC_IP, "elasticip/us-east-1d")));
            console.ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("leaked").description("leaked")
                    .tagSpecifications(leakedTags(ResourceType.SECURITY_GROUP, "securitygroup/old")));
            console.ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.250.0/24").availabilityZone("us-east-1d")
                    .tagSpecifications(leakedTags(ResourceType.SUBNET, "subnet/private-us-east-1d")));
        }
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(moto, OWNER))).isEqualTo(23 + 3);

        TeardownResult result = engine.deleteAllOwned(new Owner(OWNER));

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(result.deleted()).hasSize(40 + 3);
        JsonNode left = Boto3Inventory.tagged(moto, OWNER);
        assertThat(Boto3Inventory.count(left)).as(left.toString()).isZero();
        assertThat(engine.plan(NetworkModel.build(cluster)).summary().toCreate()).isEqualTo(42);
    }

    @Test
    void aSubnetHeldByAnInterfaceSlipwayDidNotMakeNamesItAndTheTeardownCompletesOnceItIsGone(MeterRegistry registry,
                                                                                           URI moto) {
        Engine engine = engine(registry);
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        assertThat(engine.apply(engine.plan(NetworkModel.build(cluster))).isComplete()).isTrue();
        String subnetId = engine.plan(NetworkModel.build(cluster)).changes().stream()
                .filter(c -> c.kind().equals(SubnetKind.NAME)).findFirst().orElseThrow().cloudId();
        String eni;
        try (Ec2Inventory console = new Ec2Inventory(moto)) {
            // what the cloud-controller-manager's Service load balancer leaves in a cluster subnet
            eni = console.ec2.createNetworkInterface(r -> r.subnetId(subnetId)
                    .description("ELB app/k8s-default-web-0123456789/0123456789abcdef")).networkInterface().networkInterfaceId();
        }
        TeardownOptions quick = new TeardownOptions(2, Duration.ofMillis(10));

        TeardownResult blocked = engine.deleteAllOwned(new Owner(OWNER), quick, ApplyListener.NONE);

        assertThat(blocked.isComplete()).isFalse();
        assertThat(blocked.needsHuman()).isFalse();
        assertThat(blocked.blocked()).singleElement().satisfies(b -> {
            assertThat(b.change().cloudId()).isEqualTo(subnetId);
            assertThat(b.blockers()).singleElement().satisfies(blocker -> {
                assertThat(blocker.id()).isEqualTo(eni);
                assertThat(blocker.description()).contains("ELB app/k8s-default-web-0123456789");
            });
        });
        assertThat(blocked.blockerIds()).containsExactly(eni);

        try (Ec2Inventory console = new Ec2Inventory(moto)) {
            console.ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
        }
        TeardownResult done = engine.deleteAllOwned(new Owner(OWNER), quick, ApplyListener.NONE);

        assertThat(done.isComplete()).as(done.toString()).isTrue();
        assertThat(done.blocked()).isEmpty();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(moto, OWNER))).isZero();
    }

    @Test
    void bringYourOwnVpcAndSubnetsAreUsedValidatedAndLeftUntouched(MeterRegistry registry, URI moto) {
        Engine engine = engine(registry);
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        String vpcId;
        List<String> utilityIds = new ArrayList<>();
        try (Ec2Inventory console = new Ec2Inventory(moto)) {
            Tag team = Tag.builder().key("owner").value("network-team").build();
            vpcId = console.ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(
                    TagSpecification.builder().resourceType(ResourceType.VPC).tags(team).build())).vpc().vpcId();
            String igw = console.ec2.createInternetGateway(r -> r.tagSpecifications(TagSpecification.builder()
                    .resourceType(ResourceType.INTERNET_GATEWAY).tags(team).build())).internetGateway().internetGatewayId();
            console.ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
            for (ClusterSubnet subnet : cluster.getSpec().subnets) {
                if (subnet.subnetType() == SubnetType.Utility) {
                    String id = console.ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(subnet.cidr).availabilityZone(subnet.zone)
                            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SUBNET).tags(team).build()))
                            .subnet().subnetId();
                    subnet.id = id;
                    utilityIds.add(id);
                }
            }
        }
        cluster.getSpec().networkID = vpcId;
        JsonNode before = Boto3Inventory.vpc(moto, vpcId);

        Plan plan = engine.plan(NetworkModel.build(cluster));
        ApplyResult applied = engine.apply(plan);

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.changes()).filteredOn(c -> c.lifecycle() == Lifecycle.SHARED).extracting(c -> c.cloudId())
                .containsExactlyInAnyOrder(vpcId, utilityIds.get(0), utilityIds.get(1), utilityIds.get(2));
        assertThat(applied.isComplete()).as(applied.toString()).isTrue();
        assertThat(engine.plan(NetworkModel.build(cluster)).isConverged()).isTrue();
        assertThat(Boto3Inventory.vpc(moto, vpcId).get("subnet")).hasSize(6);

        TeardownResult result = engine.deleteAllOwned(new Owner(OWNER));

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(moto, OWNER))).isZero();
        assertThat(Boto3Inventory.vpc(moto, vpcId)).isEqualTo(before);
    }

    @Test
    void mismatchingOrMissingSharedSubnetsAreErrorsThatChangeNothing(MeterRegistry registry, URI moto) {
        Engine engine = engine(registry);
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        String vpcId;
        try (Ec2Inventory console = new Ec2Inventory(moto)) {
            vpcId = console.ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            ClusterSubnet first = cluster.getSpec().subnets.get(0);
            first.id = console.ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.64.0/19").availabilityZone("us-east-1b"))
                    .subnet().subnetId();
            cluster.getSpec().subnets.get(1).id = "subnet-0000000000000dead";
        }
        cluster.getSpec().networkID = vpcId;
        JsonNode before = Boto3Inventory.vpc(moto, vpcId);

        Plan plan = engine.plan(NetworkModel.build(cluster));
        engine.apply(plan);

        assertThat(plan.errors()).extracting(e -> e.logicalId() + ": " + e.message()).containsExactlyInAnyOrder(
                "subnet/private-us-east-1a: shared resource " + cluster.getSpec().subnets.get(0).id
                        + " does not match the spec (Slipway never modifies it): cidr is 10.0.64.0/19, spec says 10.0.0.0/19;"
                        + " zone is us-east-1b, spec says us-east-1a",
                "subnet/utility-us-east-1a: shared resource not found",
                // the VPC has no internet gateway for the new utility subnets
                "internetgateway: shared resource not found");
        // the shared VPC and subnet are as they were; what the plan could do without them was done (owned, tagged)
        JsonNode after = Boto3Inventory.vpc(moto, vpcId);
        assertThat(after.get("vpc")).isEqualTo(before.get("vpc"));
        String byoSubnet = cluster.getSpec().subnets.get(0).id;
        assertThat(after.get("subnet")).filteredOn(s -> s.get("id").asText().equals(byoSubnet))
                .containsExactly(before.get("subnet").get(0));
        assertThat(after.get("subnet")).filteredOn(s -> !s.get("id").asText().equals(byoSubnet))
                .allSatisfy(s -> assertThat(s.get("tags").get(Ec2Tags.CLUSTER).asText()).isEqualTo(OWNER));
    }
}
