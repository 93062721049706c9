package io.slipway.model;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.Exposure;
import io.slipway.api.NatGatewayMode;
import io.slipway.api.SubnetType;
import io.slipway.api.TopologySpec;

import java.util.List;
import java.util.Map;

/** Cluster specs for network tests. */
public final class TestClusters {
    public static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");

    private TestClusters() {
    }

    /** 10.0.0.0/16 in us-east-1, private topology: a Private and a Utility subnet per zone, NAT per zone. */
    public static Cluster threeZonePrivate(String namespace, String name) {
        Cluster cluster = new Cluster();
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        ClusterSpec spec = new ClusterSpec();
        spec.kubernetesVersion = "1.31.4";
        spec.region = "us-east-1";
        spec.networkCIDR = "10.0.0.0/16";
        spec.natGateways = io.slipway.api.WireEnums.wireName(NatGatewayMode.PerZone);
        spec.topology = new TopologySpec();
        spec.topology.controlPlane = io.slipway.api.WireEnums.wireName(Exposure.PRIVATE);
        spec.topology.nodes = io.slipway.api.WireEnums.wireName(Exposure.PRIVATE);
        spec.cloudLabels = Map.of("team", "platform");
        for (int i = 0; i < ZONES.size(); i++) {
            spec.subnets.add(subnet("private-" + ZONES.get(i), ZONES.get(i), "10.0." + (32 * i) + ".0/19", SubnetType.Private));
            spec.subnets.add(subnet("utility-" + ZONES.get(i), ZONES.get(i), "10.0." + (96 + 8 * i) + ".0/21", SubnetType.Utility));
        }
        cluster.setSpec(spec);
        return cluster;
    }

    public static ClusterSubnet subnet(String name, String zone, String cidr, SubnetType type) {
        ClusterSubnet subnet = new ClusterSubnet();
        subnet.name = name;
        subnet.zone = zone;
        subnet.cidr = cidr;
        subnet.type = type.name();
        return subnet;
    }
}
