package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.NetworkStatus;
import io.slipway.api.PlanStatus;
import io.slipway.cloud.Action;
import io.slipway.cloud.Change;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.Plan;
import io.slipway.cloud.ResourceState;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the engine's views (Plan, ApplyResult resources) into the Cluster's status types. Pure. */
public final class NetworkStatusMapper {
    private NetworkStatusMapper() {
    }

    /** Ids of the network as found or created; resources that do not exist (yet) are left out. */
    public static NetworkStatus network(Cluster cluster, Collection<ResourceState> resources) {
        Map<String, ResourceState> byId = resources.stream()
                .collect(Collectors.toMap(ResourceState::logicalId, Function.identity(), (a, b) -> a));
        NetworkStatus status = new NetworkStatus();
        status.vpcId = cloudId(byId, NetworkIds.VPC);
        status.internetGatewayId = cloudId(byId, NetworkIds.INTERNET_GATEWAY);
        for (ClusterSubnet subnet : cluster.getSpec().subnets) {
            ResourceState state = byId.get(NetworkIds.subnet(subnet.name));
            if (state != null) {
                NetworkStatus.SubnetStatus entry = new NetworkStatus.SubnetStatus();
                entry.name = subnet.name;
                entry.id = state.cloudId();
                entry.zone = state.outputs().getOrDefault("zone", subnet.zone);
                entry.cidr = state.outputs().getOrDefault("cidr", subnet.cidr);
                entry.type = subnet.type;
                status.subnets.add(entry);
            }
        }
        TreeSet<String> zones = new TreeSet<>();
        cluster.getSpec().subnets.forEach(s -> zones.add(s.zone));
        for (String zone : zones) {
            ResourceState nat = byId.get(NetworkIds.natGateway(zone));
            if (nat != null) {
                NetworkStatus.NatGatewayStatus entry = new NetworkStatus.NatGatewayStatus();
                entry.zone = zone;
                entry.id = nat.cloudId();
                entry.publicIP = nat.outputs().get("publicIp");
                entry.state = nat.outputs().get("state");
                status.natGateways.add(entry);
            }
        }
        for (SecurityGroupRole role : SecurityGroupRole.values()) {
            String id = cloudId(byId, NetworkIds.securityGroup(role));
            if (id != null) {
                status.securityGroups.put(role.statusKey(), id);
            }
        }
        Map<String, String> tables = new TreeMap<>();
        byId.values().stream().filter(r -> r.logicalId().startsWith("routetable/"))
                .forEach(r -> tables.put(r.logicalId().substring("routetable/".length()), r.cloudId()));
        status.routeTables.putAll(tables);
        return status;
    }

    /**
     * The plan part of status: summary, counts and at most {@code maxChanges} pending changes (the rest counted in
     * omittedChanges). The caller sets observedGeneration, computedAt and applied.
     */
    public static PlanStatus plan(Plan plan, int maxChanges) {
        PlanStatus status = new PlanStatus();
        status.summary = plan.summary().describe();
        status.toCreate = plan.summary().toCreate();
        status.toUpdate = plan.summary().toUpdate();
        status.toDelete = plan.summary().toDelete();
        List<Change> pending = plan.pending();
        for (Change change : pending.subList(0, Math.min(maxChanges, pending.size()))) {
            PlanStatus.PlannedChange entry = new PlanStatus.PlannedChange();
            entry.kind = change.kind();
            entry.id = change.logicalId();
            entry.action = change.action().name().toLowerCase();
            if (change.action() == Action.UPDATE) {
                change.fields().stream().map(FieldChange::toString).forEach(entry.fields::add);
            } else if (change.reason() != null) {
                entry.fields.add(change.reason());
            }
            status.changes.add(entry);
        }
        status.omittedChanges = Math.max(0, pending.size() - maxChanges);
        return status;
    }

    private static String cloudId(Map<String, ResourceState> byId, String logicalId) {
        ResourceState state = byId.get(logicalId);
        return state == null ? null : state.cloudId();
    }
}
