package io.slipway.aws.ec2;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteOrigin;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An inspector independent of the engine: its own plain SDK client (no Slipway interceptors) and its own
 * describes, to count what exists in moto for a cluster tag.
 */
final class Ec2Inventory implements AutoCloseable {
    final Ec2Client ec2;

    Ec2Inventory(URI endpoint) {
        ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    /** kind → slipway.io/resource tag → how many objects carry it (more than 1 = a duplicate). */
    Map<String, Map<String, Integer>> tagged(String owner) {
        Filter filter = Filter.builder().name("tag:slipway.io/cluster").values(owner).build();
        Map<String, Map<String, Integer>> result = new TreeMap<>();
        ec2.describeVpcs(r -> r.filters(filter)).vpcs().forEach(v -> count(result, "vpc", v.tags(), owner));
        ec2.describeSubnets(r -> r.filters(filter)).subnets().forEach(s -> count(result, "subnet", s.tags(), owner));
        ec2.describeInternetGateways(r -> r.filters(filter)).internetGateways()
                .forEach(g -> count(result, "internet-gateway", g.tags(), owner));
        ec2.describeAddresses(r -> r.filters(filter)).addresses().forEach(a -> count(result, "elastic-ip", a.tags(), owner));
        ec2.describeNatGateways(r -> r.filter(filter)).natGateways().stream()
                .filter(n -> n.stateAsString().equals("available") || n.stateAsString().equals("pending"))
                .forEach(n -> count(result, "natgateway", n.tags(), owner));
        ec2.describeRouteTables(r -> r.filters(filter)).routeTables()
                .forEach(t -> count(result, "route-table", t.tags(), owner));
        ec2.describeSecurityGroups(r -> r.filters(filter)).securityGroups()
                .forEach(g -> count(result, "security-group", g.tags(), owner));
        return result;
    }

    /** Total objects carrying the owner's tag. */
    int total(String owner) {
        return tagged(owner).values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    /** route table logical id → its CreateRoute routes as "destination→target". */
    Map<String, List<String>> routes(String owner) {
        Map<String, List<String>> routes = new TreeMap<>();
        for (RouteTable table : ec2.describeRouteTables(r -> r.filters(ownerFilter(owner))).routeTables()) {
            List<String> entries = new ArrayList<>();
            for (Route route : table.routes()) {
                if (route.origin() == RouteOrigin.CREATE_ROUTE) {
                    String target = route.natGatewayId() != null ? route.natGatewayId() : route.gatewayId();
                    entries.add(route.destinationCidrBlock() + "→" + target + (route.stateAsString().equals("active") ? "" : " " + route.stateAsString()));
                }
            }
            routes.put(logicalId(table.tags()), entries);
        }
        return routes;
    }

    /** route table logical id → number of subnet associations. */
    Map<String, Integer> associations(String owner) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RouteTable table : ec2.describeRouteTables(r -> r.filters(ownerFilter(owner))).routeTables()) {
            counts.put(logicalId(table.tags()), (int) table.associations().stream().filter(a -> a.subnetId() != null).count());
        }
        return counts;
    }

    /** security group logical id → its ingress rules as "protocol from-to source". */
    Map<String, List<String>> ingress(String owner) {
        Map<String, List<String>> rules = new TreeMap<>();
        for (SecurityGroup group : ec2.describeSecurityGroups(r -> r.filters(ownerFilter(owner))).securityGroups()) {
            List<String> entries = new ArrayList<>();
            group.ipPermissions().forEach(p -> {
                p.ipRanges().forEach(range -> entries.add(p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " " + range.cidrIp()));
                p.userIdGroupPairs().forEach(pair -> entries.add(p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " " + pair.groupId()));
            });
            entries.sort(null);
            rules.put(logicalId(group.tags()), entries);
        }
        return rules;
    }

    private static Filter ownerFilter(String owner) {
        return Filter.builder().name("tag:slipway.io/cluster").values(owner).build();
    }

    private static String logicalId(List<Tag> tags) {
        return tags.stream().filter(t -> t.key().equals("slipway.io/resource")).map(Tag::value).findFirst().orElse("?");
    }

    private static void count(Map<String, Map<String, Integer>> result, String kind, List<Tag> tags, String owner) {
        boolean mine = tags.stream().anyMatch(t -> t.key().equals("slipway.io/cluster") && t.value().equals(owner));
        if (mine) {
            result.computeIfAbsent(kind, k -> new TreeMap<>()).merge(logicalId(tags), 1, Integer::sum);
        }
    }

    @Override
    public void close() {
        ec2.close();
    }
}
