package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.LoadBalancerSpec.LoadBalancerType;
import io.slipway.api.SpecDefaults;
import io.slipway.api.SubnetType;
import io.slipway.api.WireEnums;
import io.slipway.aws.elb.ListenerSpec;
import io.slipway.aws.elb.LoadBalancerKind;
import io.slipway.aws.elb.LoadBalancerCrossZoneSpec;
import io.slipway.aws.elb.LoadBalancerSpec;
import io.slipway.aws.elb.TargetGroupSpec;
import io.slipway.aws.route53.DnsRecordSpec;
import io.slipway.aws.route53.HostedZoneSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Ref;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kubernetes API's endpoint, as a pure function of the spec: a network load balancer (internet-facing or
 * internal) with the network's API security group, a TCP 443 target group for the control plane and a listener;
 * with {@code dnsZone}, an alias record {@code api.<cluster>.<dnsZone>} (or {@code api.publicName}) to it in that
 * existing zone. Without {@code dnsZone} clients use the load balancer's own name.
 */
public final class ApiEndpointModel {
    /** A zone id as Route53 prints it (Z and upper-case letters and digits); anything else is a zone name. */
    private static final Pattern ZONE_ID = Pattern.compile("^Z[A-Z0-9]{4,31}$");

    private ApiEndpointModel() {
    }

    public static void addTo(DesiredGraph.Builder graph, Cluster cluster, ClusterInputs inputs) {
        ClusterSpec spec = cluster.getSpec();
        AwsNames names = AwsNames.of(cluster);
        ClusterTags tags = new ClusterTags(names, spec.cloudLabels);
        boolean internal = type(spec) == LoadBalancerType.Internal;

        List<Ref> groups = new ArrayList<>();
        groups.add(Ref.to(NetworkIds.securityGroup(SecurityGroupRole.API_LOAD_BALANCER)));
        loadBalancer(spec).map(lb -> lb.additionalSecurityGroups).orElse(List.of()).stream().distinct()
                .forEach(id -> groups.add(Ref.literal(id)));
        graph.managed(ApiEndpointIds.LOAD_BALANCER, new LoadBalancerSpec(names.apiLoadBalancer(), internal,
                subnets(spec, internal), groups, tags.forResource(ApiEndpointIds.LOAD_BALANCER)));
        graph.managed(ApiEndpointIds.LOAD_BALANCER_CROSS_ZONE, new LoadBalancerCrossZoneSpec(
                Ref.output(ApiEndpointIds.LOAD_BALANCER, LoadBalancerKind.ARN), crossZone(spec)));
        graph.managed(ApiEndpointIds.TARGET_GROUP, TargetGroupSpec.tcp(names.apiTargetGroup(), Ref.to(NetworkIds.VPC),
                ApiEndpointIds.API_PORT, tags.forResource(ApiEndpointIds.TARGET_GROUP)));
        graph.managed(ApiEndpointIds.LISTENER, new ListenerSpec(Ref.to(ApiEndpointIds.LOAD_BALANCER),
                Ref.to(ApiEndpointIds.TARGET_GROUP), "TCP", ApiEndpointIds.API_PORT, tags.forResource(ApiEndpointIds.LISTENER)));

        recordName(cluster).ifPresent(name -> {
            graph.shared(ApiEndpointIds.HOSTED_ZONE, ZONE_ID.matcher(spec.dnsZone).matches()
                    ? HostedZoneSpec.byId(spec.dnsZone) : HostedZoneSpec.byName(spec.dnsZone, null));
            graph.managed(ApiEndpointIds.DNS_RECORD, new DnsRecordSpec(Ref.to(ApiEndpointIds.HOSTED_ZONE), name,
                    Ref.output(ApiEndpointIds.LOAD_BALANCER, LoadBalancerKind.DNS_NAME),
                    Ref.output(ApiEndpointIds.LOAD_BALANCER, LoadBalancerKind.CANONICAL_HOSTED_ZONE_ID)));
        });
    }

    /**
     * The API's DNS name when the cluster has a DNS zone: {@code api.publicName}, else {@code api.<cluster>.<dnsZone>};
     * empty when DNS-less.
     */
    public static Optional<String> recordName(Cluster cluster) {
        ClusterSpec spec = cluster.getSpec();
        if (spec.dnsZone == null || spec.dnsZone.isBlank()) {
            return Optional.empty();
        }
        if (spec.api != null && spec.api.publicName != null && !spec.api.publicName.isBlank()) {
            return Optional.of(stripDot(spec.api.publicName));
        }
        return Optional.of("api." + cluster.getMetadata().getName() + "." + stripDot(spec.dnsZone));
    }

    /**
     * Utility subnets if there are any, else Public ones for a Public load balancer and Private ones for an Internal
     * one; the first by name in each zone (a load balancer takes one subnet per zone).
     */
    static List<Ref> subnets(ClusterSpec spec, boolean internal) {
        SubnetType wanted = spec.subnets.stream().anyMatch(s -> s.subnetType() == SubnetType.Utility)
                ? SubnetType.Utility : internal ? SubnetType.Private : SubnetType.Public;
        Map<String, ClusterSubnet> byZone = new TreeMap<>();
        spec.subnets.stream().filter(s -> s.subnetType() == wanted).sorted(Comparator.comparing(s -> s.name))
                .forEach(s -> byZone.putIfAbsent(s.zone, s));
        if (byZone.isEmpty()) {
            throw new IllegalArgumentException("spec.subnets: the " + (internal ? "Internal" : "Public")
                    + " API load balancer needs " + wanted + " subnets");
        }
        return byZone.values().stream().map(s -> Ref.to(NetworkIds.subnet(s.name))).toList();
    }

    private static LoadBalancerType type(ClusterSpec spec) {
        String value = loadBalancer(spec).map(lb -> lb.type).orElse(SpecDefaults.API_LOAD_BALANCER_TYPE);
        return WireEnums.parse(LoadBalancerType.class, value).orElse(LoadBalancerType.Public);
    }

    private static boolean crossZone(ClusterSpec spec) {
        return loadBalancer(spec).map(lb -> lb.crossZoneLoadBalancing).orElse(SpecDefaults.CROSS_ZONE_LOAD_BALANCING);
    }

    private static Optional<io.slipway.api.LoadBalancerSpec> loadBalancer(ClusterSpec spec) {
        return Optional.ofNullable(spec.api).map(api -> api.loadBalancer);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
