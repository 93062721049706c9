package io.slipway.model;

import io.slipway.api.BastionSpec;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.NatGatewayMode;
import io.slipway.api.SubnetType;
import io.slipway.aws.ec2.InternetGatewaySpec;
import io.slipway.aws.ec2.NatGatewaySpec;
import io.slipway.aws.ec2.RouteSpec;
import io.slipway.aws.ec2.SecurityGroupRuleSpec;
import io.slipway.aws.ec2.SecurityGroupSpec;
import io.slipway.aws.ec2.SubnetSpec;
import io.slipway.aws.ec2.VpcDnsAttribute;
import io.slipway.aws.ec2.VpcDnsAttributeSpec;
import io.slipway.aws.ec2.VpcSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.Ref;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkModelTest {

    private static Map<String, Long> countByKind(DesiredGraph graph) {
        Map<String, Long> counts = new TreeMap<>();
        graph.inDependencyOrder().forEach(r -> counts.merge(r.kind(), 1L, Long::sum));
        return counts;
    }

    private static <S> S spec(DesiredGraph graph, String logicalId, Class<S> type) {
        return type.cast(graph.get(logicalId).orElseThrow(() -> new AssertionError("no " + logicalId)).spec());
    }

    private static List<String> rules(DesiredGraph graph) {
        return graph.inDependencyOrder().stream().filter(r -> r.spec() instanceof SecurityGroupRuleSpec)
                .map(DesiredResource::logicalId).sorted().toList();
    }

    @Test
    void threeZonePrivateNetworkWithNatPerZone() {
        DesiredGraph graph = NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo"));

        assertThat(countByKind(graph)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Vpc", 1L), Map.entry("VpcDnsSupport", 1L), Map.entry("VpcDnsHostnames", 1L),
                Map.entry("InternetGateway", 1L), Map.entry("InternetGatewayAttachment", 1L),
                Map.entry("Subnet", 6L), Map.entry("ElasticIp", 3L), Map.entry("NatGateway", 3L),
                Map.entry("RouteTable", 4L), Map.entry("Route", 4L), Map.entry("RouteTableAssociation", 6L),
                Map.entry("SecurityGroup", 3L), Map.entry("SecurityGroupRule", 8L)));
        assertThat(graph.owner().id()).isEqualTo("prod/demo");
        assertThat(graph.inDependencyOrder()).allMatch(r -> r.lifecycle() == Lifecycle.MANAGED);

        VpcSpec vpc = spec(graph, "vpc", VpcSpec.class);
        assertThat(vpc.cidr()).isEqualTo("10.0.0.0/16");
        assertThat(spec(graph, "vpc/dns-support", VpcDnsAttributeSpec.class))
                .isEqualTo(new VpcDnsAttributeSpec(VpcDnsAttribute.SUPPORT, Ref.to("vpc"), true));
        assertThat(spec(graph, "vpc/dns-hostnames", VpcDnsAttributeSpec.class))
                .isEqualTo(new VpcDnsAttributeSpec(VpcDnsAttribute.HOSTNAMES, Ref.to("vpc"), true));
        assertThat(vpc.tags()).containsEntry("Name", "prod/demo/vpc").containsEntry("kubernetes.io/cluster/demo", "owned")
                .containsEntry("team", "platform");

        for (String zone : TestClusters.ZONES) {
            NatGatewaySpec nat = spec(graph, "natgateway/" + zone, NatGatewaySpec.class);
            assertThat(nat.subnet()).isEqualTo(Ref.to("subnet/utility-" + zone));
            assertThat(nat.elasticIp()).isEqualTo(Ref.to("elasticip/" + zone));
            RouteSpec route = spec(graph, "route/private-" + zone + "/0.0.0.0/0", RouteSpec.class);
            assertThat(route.routeTable()).isEqualTo(Ref.to("routetable/private-" + zone));
            assertThat(route.target()).isEqualTo(Ref.to("natgateway/" + zone));
            assertThat(graph.contains("rtassoc/private-" + zone)).isTrue();
            assertThat(graph.contains("rtassoc/utility-" + zone)).isTrue();
            assertThat(spec(graph, "subnet/private-" + zone, SubnetSpec.class).tags())
                    .containsEntry("kubernetes.io/role/internal-elb", "1").doesNotContainKey("kubernetes.io/role/elb")
                    .containsEntry("Name", "prod/demo/subnet/private-" + zone);
            assertThat(spec(graph, "subnet/utility-" + zone, SubnetSpec.class).tags())
                    .containsEntry("kubernetes.io/role/elb", "1").doesNotContainKey("kubernetes.io/role/internal-elb");
        }
        assertThat(spec(graph, "route/public/0.0.0.0/0", RouteSpec.class).target()).isEqualTo(Ref.to("internetgateway"));
    }

    @Test
    void securityGroupsOpenOnlyWhatKubernetesNeeds() {
        DesiredGraph graph = NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo"));

        assertThat(rules(graph)).containsExactly(
                "sgrule/apilb/tcp:443/0.0.0.0/0",
                "sgrule/controlplane/all/controlplane",
                "sgrule/controlplane/tcp:1-2378/nodes",
                "sgrule/controlplane/tcp:2382-65535/nodes",
                "sgrule/controlplane/tcp:443/apilb",
                "sgrule/controlplane/udp:1-65535/nodes",
                "sgrule/nodes/all/controlplane",
                "sgrule/nodes/all/nodes");
        assertThat(spec(graph, "securitygroup/controlplane", SecurityGroupSpec.class).groupName())
                .isEqualTo(AwsNames.of("prod", "demo").securityGroup(SecurityGroupRole.CONTROL_PLANE)).startsWith("slipway-controlplane-prod-demo-");
    }

    @Test
    void apiAndSshAccessComeFromTheSpecAndSshGoesThroughTheBastion() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().kubernetesApiAccess = List.of("203.0.113.0/24", "198.51.100.7/32");
        cluster.getSpec().sshAccess = List.of("192.0.2.0/24");

        List<String> direct = rules(NetworkModel.build(cluster));
        cluster.getSpec().topology.bastion = new BastionSpec();
        DesiredGraph withBastion = NetworkModel.build(cluster);

        assertThat(direct).contains("sgrule/apilb/tcp:443/203.0.113.0/24", "sgrule/apilb/tcp:443/198.51.100.7/32",
                        "sgrule/controlplane/tcp:22/192.0.2.0/24", "sgrule/nodes/tcp:22/192.0.2.0/24")
                .doesNotContain("sgrule/apilb/tcp:443/0.0.0.0/0");
        assertThat(withBastion.contains("securitygroup/bastion")).isTrue();
        assertThat(rules(withBastion)).contains("sgrule/bastion/tcp:22/192.0.2.0/24",
                        "sgrule/controlplane/tcp:22/bastion", "sgrule/nodes/tcp:22/bastion")
                .doesNotContain("sgrule/controlplane/tcp:22/192.0.2.0/24");
    }

    @Test
    void calicoAlsoGetsIpInIpFromNodesToControlPlane() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().networking = new io.slipway.api.NetworkingSpec();
        cluster.getSpec().networking.calico = new io.slipway.api.CniOptions();

        assertThat(rules(NetworkModel.build(cluster))).contains("sgrule/controlplane/4/nodes");
    }

    @Test
    void singleNatGatewayServesEveryZone() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().natGateways = io.slipway.api.WireEnums.wireName(NatGatewayMode.Single);

        DesiredGraph graph = NetworkModel.build(cluster);

        assertThat(countByKind(graph)).containsEntry("NatGateway", 1L).containsEntry("ElasticIp", 1L);
        for (String zone : TestClusters.ZONES) {
            assertThat(spec(graph, "route/private-" + zone + "/0.0.0.0/0", RouteSpec.class).target())
                    .isEqualTo(Ref.to("natgateway/us-east-1a"));
        }
    }

    @Test
    void noNatGatewaysMeansNoDefaultRouteForPrivateSubnets() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().natGateways = io.slipway.api.WireEnums.wireName(NatGatewayMode.None);

        DesiredGraph graph = NetworkModel.build(cluster);

        assertThat(countByKind(graph)).doesNotContainKeys("NatGateway", "ElasticIp").containsEntry("Route", 1L)
                .containsEntry("RouteTable", 4L);
    }

    @Test
    void explicitEgressRoutesToThatGatewayWithoutANatOfOurOwn() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().subnets.stream().filter(s -> s.zone.equals("us-east-1a") && s.subnetType() == SubnetType.Private)
                .forEach(s -> s.egress = "nat-0123456789abcdef0");
        cluster.getSpec().subnets.stream().filter(s -> s.zone.equals("us-east-1b") && s.subnetType() == SubnetType.Private)
                .forEach(s -> s.egress = "External");

        DesiredGraph graph = NetworkModel.build(cluster);

        assertThat(spec(graph, "route/private-us-east-1a/0.0.0.0/0", RouteSpec.class).target())
                .isEqualTo(Ref.literal("nat-0123456789abcdef0"));
        assertThat(graph.contains("natgateway/us-east-1a")).isFalse();
        assertThat(graph.contains("routetable/private-us-east-1b")).isFalse();
        assertThat(graph.contains("rtassoc/private-us-east-1b")).isFalse();
        assertThat(graph.contains("natgateway/us-east-1c")).isTrue();
    }

    @Test
    void bringYourOwnVpcAndSubnetsAreSharedAndGetNoRouting() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().networkID = "vpc-0123456789abcdef0";
        int i = 0;
        for (ClusterSubnet subnet : cluster.getSpec().subnets) {
            subnet.id = "subnet-0123456789abcde" + (10 + i++);
        }

        DesiredGraph graph = NetworkModel.build(cluster);

        assertThat(graph.get("vpc")).get().satisfies(vpc -> {
            assertThat(vpc.lifecycle()).isEqualTo(Lifecycle.SHARED);
            assertThat(((VpcSpec) vpc.spec()).existingId()).isEqualTo("vpc-0123456789abcdef0");
        });
        assertThat(graph.ofKind("Subnet")).hasSize(6).allMatch(s -> s.lifecycle() == Lifecycle.SHARED);
        assertThat(countByKind(graph)).doesNotContainKeys("InternetGateway", "NatGateway", "RouteTable", "Route",
                "RouteTableAssociation").containsEntry("SecurityGroup", 3L);
    }

    @Test
    void newSubnetsInABringYourOwnVpcUseItsInternetGateway() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().networkID = "vpc-0123456789abcdef0";

        DesiredGraph graph = NetworkModel.build(cluster);

        assertThat(graph.get("internetgateway")).get().satisfies(igw -> {
            assertThat(igw.lifecycle()).isEqualTo(Lifecycle.SHARED);
            assertThat(((InternetGatewaySpec) igw.spec()).attachedTo()).isEqualTo(Ref.to("vpc"));
        });
        assertThat(graph.contains("internetgateway/attachment")).isFalse();
        assertThat(countByKind(graph)).containsEntry("NatGateway", 3L).containsEntry("Subnet", 6L);
    }

    @Test
    void privateSubnetWithoutAPublicOneInItsZoneIsRefused() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().subnets.removeIf(s -> s.name.equals("utility-us-east-1c"));

        assertThatThrownBy(() -> NetworkModel.build(cluster)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us-east-1c");
    }

    @Test
    void sameSpecGivesTheSameGraph() {
        assertThat(NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo")).fingerprint())
                .isEqualTo(NetworkModel.build(TestClusters.threeZonePrivate("prod", "demo")).fingerprint())
                .isNotEqualTo(NetworkModel.build(TestClusters.threeZonePrivate("prod", "other")).fingerprint());
    }
}
