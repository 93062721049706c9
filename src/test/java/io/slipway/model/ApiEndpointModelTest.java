package io.slipway.model;

import io.slipway.api.ApiSpec;
import io.slipway.api.Cluster;
import io.slipway.api.LoadBalancerSpec;
import io.slipway.api.SubnetType;
import io.slipway.aws.elb.ListenerSpec;
import io.slipway.aws.elb.LoadBalancerKind;
import io.slipway.aws.elb.TargetGroupSpec;
import io.slipway.aws.route53.DnsRecordSpec;
import io.slipway.aws.route53.HostedZoneSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.Ref;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiEndpointModelTest {

    private static DesiredGraph graph(Cluster cluster) {
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(cluster));
        NetworkModel.addTo(graph, cluster);
        ApiEndpointModel.addTo(graph, cluster, new ClusterInputs("123456789012", "aws",
                BootstrapStoreLayout.ownBucket(AwsNames.of(cluster), "123456789012"), Set.of(), Map.of()));
        return graph.build();
    }

    private static io.slipway.aws.elb.LoadBalancerSpec balancer(DesiredGraph graph) {
        return (io.slipway.aws.elb.LoadBalancerSpec) graph.get(ApiEndpointIds.LOAD_BALANCER).orElseThrow().spec();
    }

    private static Cluster withLoadBalancer(Cluster cluster, String type, Boolean crossZone, List<String> extraGroups) {
        cluster.getSpec().api = new ApiSpec();
        cluster.getSpec().api.loadBalancer = new LoadBalancerSpec();
        cluster.getSpec().api.loadBalancer.type = type;
        cluster.getSpec().api.loadBalancer.crossZoneLoadBalancing = crossZone;
        cluster.getSpec().api.loadBalancer.additionalSecurityGroups = extraGroups;
        return cluster;
    }

    @Test
    void byDefaultAPublicCrossZoneBalancerInTheUtilitySubnetsWithTheNetworksApiGroupAndNoDns() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        DesiredGraph graph = graph(cluster);

        io.slipway.aws.elb.LoadBalancerSpec lb = balancer(graph);
        assertThat(lb.name()).isEqualTo(AwsNames.of(cluster).apiLoadBalancer());
        assertThat(lb.scheme()).isEqualTo("internet-facing");
        assertThat(crossZone(graph)).isTrue();
        assertThat(graph.get(ApiEndpointIds.LOAD_BALANCER_CROSS_ZONE).orElseThrow().dependencies())
                .containsExactly(ApiEndpointIds.LOAD_BALANCER);
        assertThat(lb.subnets()).containsExactly(Ref.to("subnet/utility-us-east-1a"), Ref.to("subnet/utility-us-east-1b"),
                Ref.to("subnet/utility-us-east-1c"));
        assertThat(lb.securityGroups()).containsExactly(Ref.to("securitygroup/apilb"));
        assertThat(lb.tags()).containsEntry("Name", "prod/demo/elb/api").containsEntry("kubernetes.io/cluster/demo", "owned")
                .containsEntry("team", "platform");

        TargetGroupSpec group = (TargetGroupSpec) graph.get(ApiEndpointIds.TARGET_GROUP).orElseThrow().spec();
        assertThat(group).isEqualTo(TargetGroupSpec.tcp(AwsNames.of(cluster).apiTargetGroup(), Ref.to(NetworkIds.VPC), 443,
                group.tags()));
        assertThat(group.healthCheckProtocol()).isEqualTo("TCP");
        ListenerSpec listener = (ListenerSpec) graph.get(ApiEndpointIds.LISTENER).orElseThrow().spec();
        assertThat(listener.references()).containsExactly(Ref.to(ApiEndpointIds.LOAD_BALANCER), Ref.to(ApiEndpointIds.TARGET_GROUP));
        assertThat(listener.port()).isEqualTo(443);

        assertThat(graph.contains(ApiEndpointIds.HOSTED_ZONE)).isFalse();
        assertThat(graph.contains(ApiEndpointIds.DNS_RECORD)).isFalse();
        assertThat(ApiEndpointModel.recordName(cluster)).isEmpty();
    }

    @Test
    void internalWithoutUtilitySubnetsTakesThePrivateOnesOnePerZoneAndTheUsersGroups() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().subnets.removeIf(s -> s.subnetType() == SubnetType.Utility);
        cluster.getSpec().subnets.add(TestClusters.subnet("public-us-east-1a", "us-east-1a", "10.0.200.0/24", SubnetType.Public));
        cluster.getSpec().subnets.add(TestClusters.subnet("another-private-us-east-1a", "us-east-1a", "10.0.201.0/24", SubnetType.Private));
        cluster.getSpec().natGateways = "Single";
        withLoadBalancer(cluster, "Internal", false, List.of("sg-0123456789abcdef0"));

        io.slipway.aws.elb.LoadBalancerSpec lb = balancer(graph(cluster));

        assertThat(lb.scheme()).isEqualTo("internal");
        assertThat(crossZone(graph(cluster))).isFalse();
        assertThat(lb.subnets()).containsExactly(Ref.to("subnet/another-private-us-east-1a"),
                Ref.to("subnet/private-us-east-1b"), Ref.to("subnet/private-us-east-1c"));
        assertThat(lb.securityGroups()).containsExactly(Ref.to("securitygroup/apilb"), Ref.literal("sg-0123456789abcdef0"));
    }

    @Test
    void publicWithoutUtilitySubnetsTakesThePublicOnes() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().subnets.removeIf(s -> s.subnetType() == SubnetType.Utility);
        assertThatThrownBy(() -> ApiEndpointModel.subnets(cluster.getSpec(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs Public subnets");
        cluster.getSpec().subnets.add(TestClusters.subnet("public-us-east-1b", "us-east-1b", "10.0.200.0/24", SubnetType.Public));

        assertThat(ApiEndpointModel.subnets(cluster.getSpec(), false)).containsExactly(Ref.to("subnet/public-us-east-1b"));
    }

    @Test
    void aDnsZoneAddsTheSharedZoneAndAnAliasToTheBalancersOutputs() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().dnsZone = "example.com.";
        DesiredGraph graph = graph(cluster);

        DesiredResource<?> zone = graph.get(ApiEndpointIds.HOSTED_ZONE).orElseThrow();
        assertThat(zone.lifecycle()).isEqualTo(Lifecycle.SHARED);
        assertThat(zone.spec()).isEqualTo(HostedZoneSpec.byName("example.com", null));
        DesiredResource<?> record = graph.get(ApiEndpointIds.DNS_RECORD).orElseThrow();
        assertThat(record.lifecycle()).isEqualTo(Lifecycle.MANAGED);
        assertThat(record.spec()).isEqualTo(new DnsRecordSpec(Ref.to(ApiEndpointIds.HOSTED_ZONE), "api.demo.example.com.",
                Ref.output(ApiEndpointIds.LOAD_BALANCER, LoadBalancerKind.DNS_NAME),
                Ref.output(ApiEndpointIds.LOAD_BALANCER, LoadBalancerKind.CANONICAL_HOSTED_ZONE_ID)));
        assertThat(record.dependencies()).containsExactlyInAnyOrder(ApiEndpointIds.HOSTED_ZONE, ApiEndpointIds.LOAD_BALANCER);
    }

    @Test
    void publicNameWinsAndAZoneIdIsLookedUpById() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().dnsZone = "Z0123456789ABCDEFGHIJ";
        cluster.getSpec().api = new ApiSpec();
        cluster.getSpec().api.publicName = "k8s.example.com";

        DesiredGraph graph = graph(cluster);

        assertThat(graph.get(ApiEndpointIds.HOSTED_ZONE).orElseThrow().spec()).isEqualTo(HostedZoneSpec.byId("Z0123456789ABCDEFGHIJ"));
        assertThat(((DnsRecordSpec) graph.get(ApiEndpointIds.DNS_RECORD).orElseThrow().spec()).name()).isEqualTo("k8s.example.com.");
        assertThat(ApiEndpointModel.recordName(cluster)).contains("k8s.example.com");
    }

    private static boolean crossZone(DesiredGraph graph) {
        return ((io.slipway.aws.elb.LoadBalancerCrossZoneSpec) graph.get(ApiEndpointIds.LOAD_BALANCER_CROSS_ZONE)
                .orElseThrow().spec()).enabled();
    }
}
