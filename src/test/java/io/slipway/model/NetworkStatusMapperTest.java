package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.NetworkStatus;
import io.slipway.api.SubnetType;
import io.slipway.cloud.ResourceState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkStatusMapperTest {

    private static ResourceState state(String kind, String logicalId, String cloudId, Map<String, String> outputs) {
        return new ResourceState(kind, logicalId, cloudId, true, true, outputs);
    }

    @Test
    void mapsLiveResourcesToNetworkStatus() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        List<ResourceState> resources = List.of(
                state("Vpc", "vpc", "vpc-1", Map.of("cidr", "10.0.0.0/16")),
                state("InternetGateway", "internetgateway", "igw-1", Map.of()),
                state("Subnet", "subnet/private-us-east-1a", "subnet-1", Map.of("zone", "us-east-1a", "cidr", "10.0.0.0/19")),
                state("NatGateway", "natgateway/us-east-1a", "nat-1", Map.of("publicIp", "203.0.113.9", "state", "pending")),
                state("SecurityGroup", "securitygroup/controlplane", "sg-1", Map.of()),
                state("SecurityGroup", "securitygroup/apilb", "sg-2", Map.of()),
                state("RouteTable", "routetable/private-us-east-1a", "rtb-1", Map.of()));

        NetworkStatus status = NetworkStatusMapper.network(cluster, resources);

        assertThat(status.vpcId).isEqualTo("vpc-1");
        assertThat(status.internetGatewayId).isEqualTo("igw-1");
        assertThat(status.subnets).singleElement().satisfies(s -> {
            assertThat(s.name).isEqualTo("private-us-east-1a");
            assertThat(s.id).isEqualTo("subnet-1");
            assertThat(s.type).isEqualTo("Private");
            assertThat(s.cidr).isEqualTo("10.0.0.0/19");
        });
        assertThat(status.natGateways).singleElement().satisfies(n -> {
            assertThat(n.zone).isEqualTo("us-east-1a");
            assertThat(n.publicIP).isEqualTo("203.0.113.9");
            assertThat(n.state).isEqualTo("pending");
        });
        assertThat(status.securityGroups).containsExactly(Map.entry("controlPlane", "sg-1"), Map.entry("apiLoadBalancer", "sg-2"));
        assertThat(status.routeTables).containsExactly(Map.entry("private-us-east-1a", "rtb-1"));
    }
}
