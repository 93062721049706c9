package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.NatGatewayMode;
import io.slipway.api.NetworkingSpec;
import io.slipway.api.SubnetType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The address plan of a Cluster: VPC and subnet CIDRs, bring-your-own ids, zones, egress and NAT, pod and
 * service ranges, and the access lists. What CEL cannot check: CIDRs parse, nest and do not overlap.
 */
final class ClusterNetworkRules {
    /** AWS accepts VPC and subnet blocks from /16 to /28. */
    static final int AWS_LARGEST_PREFIX = 16;
    static final int AWS_SMALLEST_PREFIX = 28;

    private static final Map<Cidr, String> RESERVED = Map.of(
            Cidr.parse("0.0.0.0/8"), "0.0.0.0/8 (\"this network\")",
            Cidr.parse("127.0.0.0/8"), "127.0.0.0/8 (loopback)",
            Cidr.parse("169.254.0.0/16"), "169.254.0.0/16 (link-local, used by the instance metadata service)",
            Cidr.parse("224.0.0.0/4"), "224.0.0.0/4 (multicast)",
            Cidr.parse("240.0.0.0/4"), "240.0.0.0/4 (reserved)");

    private ClusterNetworkRules() {
    }

    static void check(ClusterSpec spec, ErrorList errors) {
        Cidr network = cidr(spec.networkCIDR, "spec.networkCIDR", errors);
        if (network != null) {
            checkBlockSize(network, "spec.networkCIDR", "a VPC", errors);
            checkNotReserved(network, "spec.networkCIDR", errors);
        }
        if (spec.networkCIDR == null && spec.networkID == null) {
            errors.add("spec.networkCIDR", CelMessages.NETWORK_CIDR_REQUIRED
                    + ": set networkCIDR (e.g. 10.0.0.0/16) for a new VPC, or networkID (vpc-...) to use an existing one");
        }
        List<Cidr> subnetCidrs = checkSubnets(spec, network, errors);
        checkEgress(spec, errors);
        checkPodAndServiceRanges(spec, network, subnetCidrs, errors);
        checkAccessList(Nulls.list(spec.kubernetesApiAccess), "spec.kubernetesApiAccess", errors);
        checkAccessList(Nulls.list(spec.sshAccess), "spec.sshAccess", errors);
    }

    /** Parses a CIDR unless the schema check already refused the field; reports parse errors at path. */
    static Cidr cidr(String value, String path, ErrorList errors) {
        if (value == null || errors.has(path)) {
            return null;
        }
        try {
            return Cidr.parse(value);
        } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    private static void checkBlockSize(Cidr c, String path, String what, ErrorList errors) {
        if (c.prefixLength() < AWS_LARGEST_PREFIX || c.prefixLength() > AWS_SMALLEST_PREFIX) {
            errors.add(path, "AWS allows " + what + " between /" + AWS_LARGEST_PREFIX + " and /" + AWS_SMALLEST_PREFIX + " (got " + c + ")");
        }
    }

    private static void checkNotReserved(Cidr c, String path, ErrorList errors) {
        for (Map.Entry<Cidr, String> r : RESERVED.entrySet()) {
            if (c.overlaps(r.getKey())) {
                errors.add(path, c + " overlaps the reserved range " + r.getValue() + "; choose a private range such as 10.0.0.0/16");
                return;
            }
        }
    }

    private static List<Cidr> checkSubnets(ClusterSpec spec, Cidr network, ErrorList errors) {
        List<Cidr> parsed = new ArrayList<>();
        List<Integer> parsedIndex = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        boolean regionUsable = spec.region != null && !errors.has("spec.region");
        for (int i = 0; i < Nulls.list(spec.subnets).size(); i++) {
            ClusterSubnet s = Nulls.list(spec.subnets).get(i);
            if (s == null) {
                continue;
            }
            String base = "spec.subnets[" + i + "]";
            if (s.name != null) {
                Integer first = names.putIfAbsent(s.name, i);
                if (first != null) {
                    errors.add(base + ".name", CelMessages.SUBNET_NAMES_UNIQUE + ": \"" + s.name + "\" is also the name of spec.subnets[" + first + "]");
                }
            }
            if (s.zone != null && regionUsable && !errors.has(base + ".zone") && !AwsRegions.zoneInRegion(s.zone, spec.region)) {
                errors.add(base + ".zone", "zone " + s.zone + " is not in region " + spec.region + "; zones of " + spec.region
                        + " are named " + spec.region + "a, " + spec.region + "b, ...");
            }
            if (s.cidr == null && s.id == null) {
                errors.add(base + ".cidr", CelMessages.SUBNET_NEEDS_CIDR_OR_ID);
            }
            Cidr c = cidr(s.cidr, base + ".cidr", errors);
            if (c != null) {
                checkSubnetCidr(c, i, base + ".cidr", network, parsed, parsedIndex, spec, errors);
                parsed.add(c);
                parsedIndex.add(i);
            }
            if (s.id != null) {
                if (spec.networkID == null) {
                    errors.add(base + ".id", "an existing subnet (id) needs networkID, the id of the VPC it belongs to");
                }
                Integer first = ids.putIfAbsent(s.id, i);
                if (first != null) {
                    errors.add(base + ".id", "subnet " + s.id + " is already used by spec.subnets[" + first + "]");
                }
            }
        }
        return parsed;
    }

    private static void checkSubnetCidr(Cidr c, int index, String path, Cidr network, List<Cidr> earlier, List<Integer> earlierIndex,
                                        ClusterSpec spec, ErrorList errors) {
        if (c.prefixLength() < AWS_LARGEST_PREFIX || c.prefixLength() > AWS_SMALLEST_PREFIX) {
            checkBlockSize(c, path, "a subnet", errors);
            return;
        }
        if (network != null && !network.contains(c)) {
            errors.add(path, c + " is not inside networkCIDR " + network + "; subnets must lie within the VPC's range");
            return;
        }
        for (int j = 0; j < earlier.size(); j++) {
            if (earlier.get(j).overlaps(c)) {
                int other = earlierIndex.get(j);
                errors.add(path, c + " overlaps spec.subnets[" + other + "] (" + Nulls.list(spec.subnets).get(other).name + ", " + earlier.get(j) + ")");
                return;
            }
        }
    }

    private static void checkEgress(ClusterSpec spec, ErrorList errors) {
        NatGatewayMode nat = spec.natGatewayMode();
        for (int i = 0; i < Nulls.list(spec.subnets).size(); i++) {
            ClusterSubnet s = Nulls.list(spec.subnets).get(i);
            if (s == null) {
                continue;
            }
            String path = "spec.subnets[" + i + "].egress";
            if (s.egress != null && !errors.has(path)) {
                if (s.subnetType() != null && s.subnetType() != SubnetType.Private) {
                    errors.add(path, "egress applies to Private subnets only; " + s.type + " subnets route to the internet gateway");
                } else if (!s.egress.equals("External") && spec.networkID == null) {
                    errors.add(path, "egress " + s.egress + " names an existing " + (s.egress.startsWith("nat-") ? "NAT gateway" : "instance")
                            + ", which can only be in an existing VPC: set networkID, or remove egress to let Slipway create NAT gateways");
                }
            }
            if (s.subnetType() == SubnetType.Private && s.egress == null && nat == NatGatewayMode.None) {
                errors.add(path, "private subnets need egress: natGateways is None, so set egress (nat-..., i-... or External)"
                        + " or set natGateways to PerZone or Single");
            }
        }
    }

    private static void checkPodAndServiceRanges(ClusterSpec spec, Cidr network, List<Cidr> subnets, ErrorList errors) {
        boolean amazonVpc = spec.networking != null && spec.networking.selected() == NetworkingSpec.Cni.AMAZON_VPC;
        Cidr pod = null;
        String podName = spec.podCIDR == null ? "the default podCIDR" : "podCIDR";
        if (spec.podCIDR != null) {
            pod = cidr(spec.podCIDR, "spec.podCIDR", errors);
        } else if (!amazonVpc) {
            pod = Cidr.parse(NetworkDefaults.POD_CIDR);
        }
        if (pod != null && amazonVpc) {
            // With the Amazon VPC CNI pods take addresses from the subnets; podCIDR is not used for routing.
            pod = null;
        }
        Cidr service = spec.serviceClusterIPRange != null
                ? cidr(spec.serviceClusterIPRange, "spec.serviceClusterIPRange", errors)
                : Cidr.parse(NetworkDefaults.SERVICE_CLUSTER_IP_RANGE);
        String serviceName = spec.serviceClusterIPRange == null ? "the default serviceClusterIPRange" : "serviceClusterIPRange";

        if (pod != null) {
            String path = "spec.podCIDR";
            if (pod.prefixLength() > 24) {
                errors.add(path, "podCIDR " + pod + " is too small: each node takes a /24 from it; use /24 or larger (e.g. /16)");
            } else {
                checkNotReserved(pod, path, errors);
            }
            checkOutsideNetwork(pod, podName, path, network, subnets, errors);
        }
        if (service != null) {
            String path = "spec.serviceClusterIPRange";
            if (service.prefixLength() < 12) {
                errors.add(path, "kube-apiserver refuses a service range larger than /12 (got " + service + ")");
            } else if (service.prefixLength() > 28) {
                errors.add(path, "serviceClusterIPRange " + service + " is too small; use /28 or larger (e.g. /16): the cluster DNS takes its 10th address");
            } else {
                checkNotReserved(service, path, errors);
            }
            checkOutsideNetwork(service, serviceName, path, network, subnets, errors);
            if (pod != null && pod.overlaps(service) && !errors.has(path)) {
                errors.add(path, serviceName + " " + service + " overlaps " + podName + " " + pod + "; pods and services need separate ranges");
            }
        }
    }

    private static void checkOutsideNetwork(Cidr range, String name, String path, Cidr network, List<Cidr> subnets, ErrorList errors) {
        if (errors.has(path)) {
            return;
        }
        String fix = path.equals("spec.podCIDR") ? "set podCIDR" : "set serviceClusterIPRange";
        if (network != null && network.overlaps(range)) {
            errors.add(path, name + " " + range + " overlaps networkCIDR " + network + "; " + fix + " to a range outside the VPC");
            return;
        }
        for (Cidr s : subnets) {
            if (s.overlaps(range)) {
                errors.add(path, name + " " + range + " overlaps subnet " + s + "; " + fix + " to a range outside the VPC");
                return;
            }
        }
    }

    private static void checkAccessList(List<String> entries, String path, ErrorList errors) {
        Map<Cidr, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String p = path + "[" + i + "]";
            String entry = entries.get(i);
            if (entry == null) {
                continue;
            }
            Cidr c = cidr(entry, p, errors);
            if (c != null) {
                Integer first = seen.putIfAbsent(c, i);
                if (first != null) {
                    errors.add(p, c + " is listed twice (also at " + path + "[" + first + "])");
                }
            }
        }
    }
}
