package io.slipway.aws.ec2;

import io.slipway.cloud.Blocker;
import io.slipway.cloud.BlockerLookup;
import io.slipway.cloud.Change;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Names the network interfaces that hold a subnet, VPC or security group a teardown could not delete
 * ({@code DependencyViolation}): a Service load balancer the cloud-controller-manager made, an instance someone
 * started by hand. One DescribeNetworkInterfaces per filter in use (subnet-id, vpc-id, group-id), whatever the
 * number of blocked deletes. Interfaces of what the teardown still has to delete itself (its NAT gateways, load
 * balancers, instances) are not blockers: they go before the subnet does.
 */
public final class NetworkInterfaceBlockers implements BlockerLookup {
    private static final Map<String, String> FILTER_BY_KIND = Map.of(
            SubnetKind.NAME, "subnet-id",
            VpcKind.NAME, "vpc-id",
            SecurityGroupKind.NAME, "group-id");

    private final Ec2Client ec2;

    public NetworkInterfaceBlockers(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Map<String, List<Blocker>> blockersOf(List<Change> failed, List<Change> remaining) {
        Map<String, List<Change>> byFilter = new TreeMap<>();
        for (Change change : failed) {
            String filter = FILTER_BY_KIND.get(change.kind());
            if (filter != null && change.cloudId() != null) {
                byFilter.computeIfAbsent(filter, f -> new ArrayList<>()).add(change);
            }
        }
        Set<String> ownMarks = ownMarks(remaining);
        Map<String, List<Blocker>> blockers = new LinkedHashMap<>();
        byFilter.forEach((filter, changes) -> {
            List<String> ids = changes.stream().map(Change::cloudId).distinct().toList();
            List<NetworkInterface> interfaces = ec2.describeNetworkInterfacesPaginator(r -> r
                            .filters(Filter.builder().name(filter).values(ids).build()))
                    .networkInterfaces().stream().filter(eni -> !isOwn(eni, ownMarks)).toList();
            for (Change change : changes) {
                List<Blocker> holding = interfaces.stream().filter(eni -> holds(eni, filter, change.cloudId()))
                        .map(NetworkInterfaceBlockers::blocker).toList();
                if (!holding.isEmpty()) {
                    blockers.put(change.key(), holding);
                }
            }
        });
        return blockers;
    }

    private static boolean holds(NetworkInterface eni, String filter, String id) {
        Function<NetworkInterface, Boolean> test = switch (filter) {
            case "subnet-id" -> e -> id.equals(e.subnetId());
            case "vpc-id" -> e -> id.equals(e.vpcId());
            default -> e -> e.groups().stream().anyMatch(g -> id.equals(g.groupId()));
        };
        return test.apply(eni);
    }

    private static Blocker blocker(NetworkInterface eni) {
        List<String> what = new ArrayList<>();
        if (eni.description() != null && !eni.description().isBlank()) {
            what.add(eni.description());
        }
        if (eni.attachment() != null && eni.attachment().instanceId() != null) {
            what.add("instance " + eni.attachment().instanceId());
        }
        if (eni.requesterId() != null && !eni.requesterId().isBlank()) {
            what.add("requester " + eni.requesterId());
        }
        return new Blocker(eni.networkInterfaceId(), String.join(", ", what));
    }

    /** Ids by which an interface names its user: cloud ids, and for an ELB the "net/name/id" of its ARN. */
    private static Set<String> ownMarks(List<Change> remaining) {
        Set<String> marks = new HashSet<>();
        for (Change change : remaining) {
            String id = change.cloudId();
            if (id == null) {
                continue;
            }
            marks.add(id);
            int loadBalancer = id.indexOf(":loadbalancer/");
            if (loadBalancer >= 0) {
                marks.add(id.substring(loadBalancer + ":loadbalancer/".length()));
            }
        }
        return marks;
    }

    private static boolean isOwn(NetworkInterface eni, Set<String> ownMarks) {
        String description = eni.description() == null ? "" : eni.description();
        String instance = eni.attachment() == null ? null : eni.attachment().instanceId();
        return (instance != null && ownMarks.contains(instance))
                || ownMarks.stream().anyMatch(mark -> !mark.isEmpty() && description.contains(mark));
    }
}
