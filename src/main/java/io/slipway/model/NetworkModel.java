package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.NatGatewayMode;
import io.slipway.api.NetworkingSpec;
import io.slipway.api.SpecDefaults;
import io.slipway.api.SubnetType;
import io.slipway.aws.ec2.ElasticIpSpec;
import io.slipway.aws.ec2.InternetGatewayAttachmentSpec;
import io.slipway.aws.ec2.InternetGatewaySpec;
import io.slipway.aws.ec2.NatGatewaySpec;
import io.slipway.aws.ec2.RouteSpec;
import io.slipway.aws.ec2.RouteTableAssociationSpec;
import io.slipway.aws.ec2.RouteTableSpec;
import io.slipway.aws.ec2.ManagedIngress;
import io.slipway.aws.ec2.SecurityGroupRuleSpec;
import io.slipway.aws.ec2.SecurityGroupSpec;
import io.slipway.aws.ec2.SubnetSpec;
import io.slipway.aws.ec2.VpcDnsAttribute;
import io.slipway.aws.ec2.VpcDnsAttributeSpec;
import io.slipway.aws.ec2.VpcSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Ref;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The desired network of a Cluster, as a pure function of its spec: VPC, subnets, internet gateway, NAT gateways
 * and their addresses, route tables with routes and associations, security groups with their ingress rules.
 * Bring-your-own VPC and subnets are SHARED; everything else is MANAGED. Expects a spec that passed validation;
 * throws IllegalArgumentException for a network it cannot build.
 */
public final class NetworkModel {
    private static final int ETCD_FIRST_PORT = ManagedIngress.ETCD_FIRST_PORT;
    private static final int ETCD_LAST_PORT = ManagedIngress.ETCD_LAST_PORT;
    private static final int API_PORT = ManagedIngress.API_PORT;
    private static final int SSH_PORT = ManagedIngress.SSH_PORT;

    private final ClusterSpec spec;
    private final AwsNames names;
    private final ClusterTags tags;
    private final DesiredGraph.Builder graph;

    private NetworkModel(Cluster cluster, DesiredGraph.Builder graph) {
        this.spec = cluster.getSpec();
        this.names = AwsNames.of(cluster);
        this.tags = new ClusterTags(names, spec.cloudLabels);
        this.graph = graph;
    }

    /** The network alone, as its own graph under the cluster's owner. */
    public static DesiredGraph build(Cluster cluster) {
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(cluster));
        addTo(graph, cluster);
        return graph.build();
    }

    /** Adds the network to a graph that may hold more of the cluster. */
    public static void addTo(DesiredGraph.Builder graph, Cluster cluster) {
        new NetworkModel(cluster, graph).add();
    }

    private void add() {
        Ref vpc = vpc();
        subnets(vpc);
        Optional<Ref> internetGateway = internetGateway(vpc);
        publicRouting(vpc, internetGateway);
        Map<String, Ref> natByZone = natGateways();
        privateRouting(vpc, natByZone);
        securityGroups(vpc);
    }

    private Ref vpc() {
        if (byoVpc()) {
            graph.shared(NetworkIds.VPC, VpcSpec.shared(spec.networkID, spec.networkCIDR));
        } else {
            if (spec.networkCIDR == null) {
                throw new IllegalArgumentException("spec.networkCIDR is required unless spec.networkID is set");
            }
            graph.managed(NetworkIds.VPC, VpcSpec.managed(spec.networkCIDR, tags.forResource(NetworkIds.VPC)));
            // nodes need both for their private DNS names (as kops sets them)
            for (VpcDnsAttribute attribute : VpcDnsAttribute.values()) {
                graph.managed(attribute.logicalIdFor(NetworkIds.VPC), new VpcDnsAttributeSpec(attribute, Ref.to(NetworkIds.VPC), true));
            }
        }
        return Ref.to(NetworkIds.VPC);
    }

    private void subnets(Ref vpc) {
        for (ClusterSubnet subnet : spec.subnets) {
            String id = NetworkIds.subnet(subnet.name);
            if (subnet.id != null) {
                graph.shared(id, SubnetSpec.shared(vpc, subnet.id, subnet.cidr, subnet.zone));
            } else {
                graph.managed(id, SubnetSpec.managed(vpc, subnet.cidr, subnet.zone, tags.forSubnet(id, subnet.subnetType())));
            }
        }
    }

    /** Ours with our VPC; with a bring-your-own VPC, the one attached to it, if our public subnets need one. */
    private Optional<Ref> internetGateway(Ref vpc) {
        if (!byoVpc()) {
            String attachment = InternetGatewayAttachmentSpec.logicalIdFor(NetworkIds.INTERNET_GATEWAY);
            graph.managed(NetworkIds.INTERNET_GATEWAY,
                    InternetGatewaySpec.managed(tags.forResource(NetworkIds.INTERNET_GATEWAY)));
            graph.managed(attachment, new InternetGatewayAttachmentSpec(Ref.to(NetworkIds.INTERNET_GATEWAY), vpc));
            return Optional.of(Ref.to(NetworkIds.INTERNET_GATEWAY));
        }
        if (ownedPublicSubnets().isEmpty()) {
            return Optional.empty();
        }
        graph.shared(NetworkIds.INTERNET_GATEWAY, InternetGatewaySpec.sharedOf(vpc));
        return Optional.of(Ref.to(NetworkIds.INTERNET_GATEWAY));
    }

    private void publicRouting(Ref vpc, Optional<Ref> internetGateway) {
        List<ClusterSubnet> publicSubnets = ownedPublicSubnets();
        if (publicSubnets.isEmpty()) {
            return;
        }
        String table = NetworkIds.PUBLIC_ROUTE_TABLE;
        graph.managed(table, new RouteTableSpec(vpc, tags.forResource(table)));
        internetGateway.ifPresent(gateway -> graph.managed(RouteSpec.logicalIdFor(table, NetworkIds.DEFAULT_ROUTE),
                new RouteSpec(Ref.to(table), NetworkIds.DEFAULT_ROUTE, gateway)));
        associate(table, publicSubnets);
    }

    /** An Elastic IP and a NAT gateway per zone that needs one (PerZone), one for all (Single), or none. */
    private Map<String, Ref> natGateways() {
        NatGatewayMode mode = spec.natGatewayMode();
        TreeSet<String> zones = new TreeSet<>();
        for (ClusterSubnet subnet : ownedPrivateSubnets()) {
            if (subnet.egress == null) {
                zones.add(subnet.zone);
            }
        }
        Map<String, Ref> natByZone = new TreeMap<>();
        if (zones.isEmpty() || mode == NatGatewayMode.None) {
            return natByZone;
        }
        if (mode == NatGatewayMode.PerZone) {
            for (String zone : zones) {
                ClusterSubnet home = egressSubnet(zone).orElseThrow(() -> new IllegalArgumentException(
                        "spec.subnets: zone " + zone + " has private subnets but no Utility or Public subnet for its NAT gateway"));
                natByZone.put(zone, natGateway(zone, home));
            }
            return natByZone;
        }
        String natZone = zones.stream().filter(z -> egressSubnet(z).isPresent()).findFirst()
                .or(() -> spec.subnets.stream().filter(NetworkModel::isPublic).map(s -> s.zone).sorted().findFirst())
                .orElseThrow(() -> new IllegalArgumentException(
                        "spec.subnets: private subnets need a Utility or Public subnet for the NAT gateway"));
        Ref single = natGateway(natZone, egressSubnet(natZone).orElseThrow());
        zones.forEach(zone -> natByZone.put(zone, single));
        return natByZone;
    }

    private Ref natGateway(String zone, ClusterSubnet home) {
        String address = NetworkIds.elasticIp(zone);
        String gateway = NetworkIds.natGateway(zone);
        graph.managed(address, new ElasticIpSpec(tags.forResource(address)));
        graph.managed(gateway, new NatGatewaySpec(Ref.to(NetworkIds.subnet(home.name)), Ref.to(address),
                tags.forResource(gateway)));
        return Ref.to(gateway);
    }

    /** One route table per zone with private subnets; its default route goes to the zone's egress. */
    private void privateRouting(Ref vpc, Map<String, Ref> natByZone) {
        Map<String, List<ClusterSubnet>> byZone = new TreeMap<>();
        for (ClusterSubnet subnet : ownedPrivateSubnets()) {
            if (!"External".equals(subnet.egress)) {
                byZone.computeIfAbsent(subnet.zone, z -> new ArrayList<>()).add(subnet);
            }
        }
        byZone.forEach((zone, subnets) -> {
            String table = NetworkIds.privateRouteTable(zone);
            graph.managed(table, new RouteTableSpec(vpc, tags.forResource(table)));
            TreeSet<String> egresses = new TreeSet<>();
            subnets.forEach(s -> egresses.add(s.egress == null ? "" : s.egress));
            if (egresses.size() > 1) {
                throw new IllegalArgumentException("spec.subnets: private subnets of zone " + zone
                        + " have different egress " + egresses + "; they share one route table");
            }
            String egress = egresses.first();
            Ref target = egress.isEmpty() ? natByZone.get(zone) : Ref.literal(egress);
            if (target != null) {
                graph.managed(RouteSpec.logicalIdFor(table, NetworkIds.DEFAULT_ROUTE),
                        new RouteSpec(Ref.to(table), NetworkIds.DEFAULT_ROUTE, target));
            }
            associate(table, subnets);
        });
    }

    private void associate(String table, List<ClusterSubnet> subnets) {
        for (ClusterSubnet subnet : subnets) {
            String subnetId = NetworkIds.subnet(subnet.name);
            graph.managed(RouteTableAssociationSpec.logicalIdFor(subnetId),
                    new RouteTableAssociationSpec(Ref.to(table), Ref.to(subnetId)));
        }
    }

    /**
     * Control plane, nodes, API load balancer (and bastion). Open: 443 on the load balancer from
     * kubernetesApiAccess; 443 on the control plane from the load balancer; everything among control-plane
     * instances and among nodes, and from the control plane to nodes (kubelet, webhooks, pod traffic); from nodes
     * to the control plane every port but etcd's (2379-2381 stay among control-plane instances; IP-in-IP too
     * for calico); SSH (22) only from sshAccess, through the bastion when there is one. Nothing else.
     * Every rule here is one {@link ManagedIngress} calls Slipway's (on its ports, or among the cluster's groups):
     * rules on other ports are the cloud-controller-manager's.
     */
    private void securityGroups(Ref vpc) {
        Ref controlPlane = securityGroup(vpc, SecurityGroupRole.CONTROL_PLANE);
        Ref nodes = securityGroup(vpc, SecurityGroupRole.NODES);
        Ref apiLoadBalancer = securityGroup(vpc, SecurityGroupRole.API_LOAD_BALANCER);

        List<String> apiAccess = spec.kubernetesApiAccess == null || spec.kubernetesApiAccess.isEmpty()
                ? List.of(SpecDefaults.KUBERNETES_API_ACCESS) : spec.kubernetesApiAccess;
        apiAccess.stream().distinct().forEach(cidr -> rule(SecurityGroupRuleSpec.fromCidr(apiLoadBalancer, "tcp", API_PORT, API_PORT, cidr)));
        rule(SecurityGroupRuleSpec.fromGroup(controlPlane, "tcp", API_PORT, API_PORT, apiLoadBalancer));
        rule(SecurityGroupRuleSpec.fromGroup(controlPlane, "all", null, null, controlPlane));
        rule(SecurityGroupRuleSpec.fromGroup(controlPlane, "tcp", 1, ETCD_FIRST_PORT - 1, nodes));
        rule(SecurityGroupRuleSpec.fromGroup(controlPlane, "tcp", ETCD_LAST_PORT + 1, 65535, nodes));
        rule(SecurityGroupRuleSpec.fromGroup(controlPlane, "udp", 1, 65535, nodes));
        if (usesIpInIp()) {
            rule(SecurityGroupRuleSpec.fromGroup(controlPlane, "4", null, null, nodes));
        }
        rule(SecurityGroupRuleSpec.fromGroup(nodes, "all", null, null, nodes));
        rule(SecurityGroupRuleSpec.fromGroup(nodes, "all", null, null, controlPlane));

        List<String> sshAccess = spec.sshAccess == null ? List.of() : spec.sshAccess.stream().distinct().toList();
        if (spec.topology != null && spec.topology.bastion != null) {
            Ref bastion = securityGroup(vpc, SecurityGroupRole.BASTION);
            sshAccess.forEach(cidr -> rule(SecurityGroupRuleSpec.fromCidr(bastion, "tcp", SSH_PORT, SSH_PORT, cidr)));
            rule(SecurityGroupRuleSpec.fromGroup(controlPlane, "tcp", SSH_PORT, SSH_PORT, bastion));
            rule(SecurityGroupRuleSpec.fromGroup(nodes, "tcp", SSH_PORT, SSH_PORT, bastion));
        } else {
            for (String cidr : sshAccess) {
                rule(SecurityGroupRuleSpec.fromCidr(controlPlane, "tcp", SSH_PORT, SSH_PORT, cidr));
                rule(SecurityGroupRuleSpec.fromCidr(nodes, "tcp", SSH_PORT, SSH_PORT, cidr));
            }
        }
    }

    private Ref securityGroup(Ref vpc, SecurityGroupRole role) {
        String id = NetworkIds.securityGroup(role);
        graph.managed(id, new SecurityGroupSpec(vpc, names.securityGroup(role),
                "Slipway " + role.description() + " of cluster " + names.owner(), tags.forResource(id)));
        return Ref.to(id);
    }

    private void rule(SecurityGroupRuleSpec rule) {
        graph.managed(rule.logicalId(), rule);
    }

    private boolean usesIpInIp() {
        NetworkingSpec networking = spec.networking;
        NetworkingSpec.Cni cni = networking == null ? NetworkingSpec.Cni.CILIUM : networking.selected();
        return cni == NetworkingSpec.Cni.CALICO || cni == NetworkingSpec.Cni.NONE;
    }

    private boolean byoVpc() {
        return spec.networkID != null && !spec.networkID.isBlank();
    }

    private List<ClusterSubnet> ownedPublicSubnets() {
        return spec.subnets.stream().filter(s -> s.id == null && isPublic(s)).toList();
    }

    private List<ClusterSubnet> ownedPrivateSubnets() {
        return spec.subnets.stream().filter(s -> s.id == null && s.subnetType() == SubnetType.Private).toList();
    }

    /** Where a zone's NAT gateway goes: its first Utility subnet, else its first Public one. */
    private Optional<ClusterSubnet> egressSubnet(String zone) {
        Map<SubnetType, ClusterSubnet> first = new LinkedHashMap<>();
        spec.subnets.stream().filter(s -> zone.equals(s.zone) && isPublic(s))
                .sorted(Comparator.comparing(s -> s.name))
                .forEach(s -> first.putIfAbsent(s.subnetType(), s));
        return Optional.ofNullable(first.getOrDefault(SubnetType.Utility, first.get(SubnetType.Public)));
    }

    private static boolean isPublic(ClusterSubnet subnet) {
        return subnet.subnetType() == SubnetType.Public || subnet.subnetType() == SubnetType.Utility;
    }
}
