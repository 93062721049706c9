package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.Exposure;
import io.slipway.api.LoadBalancerSpec;
import io.slipway.api.NatGatewayMode;
import io.slipway.api.SpecDefaults;
import io.slipway.api.SubnetType;
import io.slipway.api.WireEnums;

import java.util.HashSet;
import java.util.Set;

/**
 * Where instances, NAT gateways, the API load balancer and the bastion go, and whether the subnets offer a place
 * for each: private topology needs Private subnets plus a Utility subnet in each of their zones; public topology
 * needs Public subnets.
 */
final class TopologyRules {
    private TopologyRules() {
    }

    private static final Exposure DEFAULT_EXPOSURE = WireEnums.parse(Exposure.class, SpecDefaults.EXPOSURE).orElseThrow();

    static Exposure nodes(ClusterSpec spec) {
        return spec.topology == null ? DEFAULT_EXPOSURE : WireEnums.parse(Exposure.class, spec.topology.nodes).orElse(DEFAULT_EXPOSURE);
    }

    static Exposure controlPlane(ClusterSpec spec) {
        return spec.topology == null ? DEFAULT_EXPOSURE : WireEnums.parse(Exposure.class, spec.topology.controlPlane).orElse(DEFAULT_EXPOSURE);
    }

    static boolean has(ClusterSpec spec, SubnetType type) {
        return Nulls.list(spec.subnets).stream().anyMatch(s -> s != null && s.subnetType() == type);
    }

    static void check(ClusterSpec spec, ErrorList errors) {
        if (errors.has("spec.subnets") && Nulls.list(spec.subnets).isEmpty()) {
            return;
        }
        boolean privateNodes = nodes(spec) == Exposure.PRIVATE;
        boolean privateControlPlane = controlPlane(spec) == Exposure.PRIVATE;
        boolean hasPrivate = has(spec, SubnetType.Private);
        boolean hasUtility = has(spec, SubnetType.Utility);
        boolean hasPublic = has(spec, SubnetType.Public);

        if (privateNodes) {
            if (!hasPrivate) errors.add("spec.subnets", CelMessages.PRIVATE_NODES_NEED_PRIVATE_SUBNET);
            if (!hasUtility) errors.add("spec.subnets", CelMessages.PRIVATE_NODES_NEED_UTILITY_SUBNET);
        } else if (!hasPublic) {
            errors.add("spec.subnets", "public node topology needs at least one Public subnet; add one, or set topology.nodes: private");
        }
        if (privateControlPlane) {
            if (!hasPrivate && !privateNodes) {
                errors.add("spec.subnets", "private control plane topology needs at least one Private subnet");
            }
            if (!hasUtility && !privateNodes) {
                errors.add("spec.subnets", "private control plane topology needs Utility subnets for the API load balancer and NAT");
            }
        } else if (!hasPublic && privateNodes) {
            errors.add("spec.subnets", "public control plane topology needs at least one Public subnet; add one, or set topology.controlPlane: private");
        }

        if ((privateNodes || privateControlPlane) && hasUtility) {
            Set<String> utilityZones = zonesOf(spec, SubnetType.Utility);
            for (int i = 0; i < Nulls.list(spec.subnets).size(); i++) {
                ClusterSubnet s = Nulls.list(spec.subnets).get(i);
                String path = "spec.subnets[" + i + "].zone";
                if (s != null && s.subnetType() == SubnetType.Private && s.zone != null && !utilityZones.contains(s.zone) && !errors.has(path)) {
                    errors.add(path, "private topology needs a Utility subnet in every zone with a Private subnet (for the load balancer and NAT gateway); zone "
                            + s.zone + " has none");
                }
            }
        }
        checkNatPlacement(spec, hasUtility || hasPublic, errors);
        checkLoadBalancer(spec, hasUtility || hasPublic, errors);
        checkBastion(spec, hasUtility || hasPublic, errors);
    }

    private static void checkNatPlacement(ClusterSpec spec, boolean hasPublicSide, ErrorList errors) {
        NatGatewayMode nat = spec.natGatewayMode();
        boolean needsNat = Nulls.list(spec.subnets).stream().anyMatch(s -> s != null && s.subnetType() == SubnetType.Private && s.egress == null);
        if (!needsNat || nat == NatGatewayMode.None) {
            return;
        }
        if (nat == NatGatewayMode.Single) {
            if (!hasPublicSide && !errors.has("spec.subnets")) {
                errors.add("spec.natGateways", "natGateways Single needs a Utility or Public subnet to host the NAT gateway");
            }
            return;
        }
        Set<String> publicZones = zonesOf(spec, SubnetType.Utility);
        publicZones.addAll(zonesOf(spec, SubnetType.Public));
        for (int i = 0; i < Nulls.list(spec.subnets).size(); i++) {
            ClusterSubnet s = Nulls.list(spec.subnets).get(i);
            String path = "spec.subnets[" + i + "].zone";
            if (s != null && s.subnetType() == SubnetType.Private && s.egress == null && s.zone != null && !publicZones.contains(s.zone)
                    && !errors.has(path) && !(errors.has("spec.subnets") && !hasPublicSide)) {
                errors.add(path, "natGateways PerZone puts a NAT gateway into a Utility or Public subnet of each zone with Private subnets, and zone "
                        + s.zone + " has none: add one, or set natGateways: Single");
            }
        }
    }

    private static void checkLoadBalancer(ClusterSpec spec, boolean hasPublicSide, ErrorList errors) {
        LoadBalancerSpec lb = spec.api == null ? null : spec.api.loadBalancer;
        LoadBalancerSpec.LoadBalancerType byDefault = LoadBalancerSpec.LoadBalancerType.valueOf(SpecDefaults.API_LOAD_BALANCER_TYPE);
        LoadBalancerSpec.LoadBalancerType type = lb == null ? byDefault
                : WireEnums.parse(LoadBalancerSpec.LoadBalancerType.class, lb.type).orElse(byDefault);
        if (type == LoadBalancerSpec.LoadBalancerType.Public && !hasPublicSide && !errors.has("spec.subnets")) {
            errors.add("spec.api.loadBalancer.type", "a Public API load balancer needs Utility or Public subnets; add one, or set type: Internal");
        }
        if (lb != null) {
            Duplicates.check(lb.additionalSecurityGroups, "spec.api.loadBalancer.additionalSecurityGroups", errors);
        }
        if (spec.api != null && spec.api.publicName != null) {
            String problem = DnsNames.problem(spec.api.publicName);
            if (problem != null) {
                errors.add("spec.api.publicName", problem);
            } else if (spec.dnsZone != null && !errors.has("spec.dnsZone") && !DnsNames.inZone(spec.api.publicName, spec.dnsZone)) {
                errors.add("spec.api.publicName", spec.api.publicName + " is not in dnsZone " + spec.dnsZone
                        + "; Slipway creates the API record in that zone, so use a name like api." + DnsNames.stripDot(spec.dnsZone));
            }
        }
        if (spec.dnsZone != null && !errors.has("spec.dnsZone")) {
            String problem = DnsNames.problem(spec.dnsZone);
            if (problem != null) {
                errors.add("spec.dnsZone", problem);
            }
        }
    }

    private static void checkBastion(ClusterSpec spec, boolean hasPublicSide, ErrorList errors) {
        if (spec.topology == null || spec.topology.bastion == null) {
            return;
        }
        if (!hasPublicSide) {
            errors.add("spec.topology.bastion", "a bastion needs a Utility or Public subnet to sit in");
        }
        String name = spec.topology.bastion.bastionPublicName;
        if (name != null) {
            String path = "spec.topology.bastion.bastionPublicName";
            String problem = DnsNames.problem(name);
            if (problem != null) {
                errors.add(path, problem);
            } else if (spec.dnsZone == null) {
                errors.add(path, "bastionPublicName needs dnsZone: Slipway creates the bastion's record in that zone");
            } else if (!errors.has("spec.dnsZone") && !DnsNames.inZone(name, spec.dnsZone)) {
                errors.add(path, name + " is not in dnsZone " + spec.dnsZone + "; use a name like bastion." + DnsNames.stripDot(spec.dnsZone));
            }
        }
    }

    private static Set<String> zonesOf(ClusterSpec spec, SubnetType type) {
        Set<String> zones = new HashSet<>();
        for (ClusterSubnet s : Nulls.list(spec.subnets)) {
            if (s != null && s.subnetType() == type && s.zone != null) {
                zones.add(s.zone);
            }
        }
        return zones;
    }
}
