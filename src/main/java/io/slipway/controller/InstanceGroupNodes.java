package io.slipway.controller;

import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.workload.InstanceNode;
import io.slipway.workload.WorkloadConnection;
import io.slipway.workload.WorkloadConnector;
import io.slipway.workload.WorkloadNodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes side of an InstanceGroup: which node each of its instances is and whether it is Ready, read from
 * the workload cluster by providerID; and from that whether the group is Ready (at least minSize instances with
 * Ready nodes; a bastion needs running instances only, it never joins).
 */
@ApplicationScoped
public class InstanceGroupNodes {
    /** The reason of a result whose node fields are the last seen, because the workload API did not answer. */
    public static final String WAITING_FOR_API_SERVER = "WaitingForAPIServer";
    private final WorkloadConnector connector;
    private final WorkloadNodes nodes = new WorkloadNodes();

    @Inject
    public InstanceGroupNodes(WorkloadConnector connector) {
        this.connector = connector;
    }

    /** Fills nodeName, ready, notReadySince and readyReplicas of status.instances; the group's result (condition null). */
    public PhaseResult observe(InstanceGroup group, InstanceGroupStatus status) {
        int target = group.getSpec().minSize == null ? 0 : group.getSpec().minSize;
        long running = status.instances.stream().filter(i -> "running".equals(i.state)).count();
        if (group.getSpec().roleValue() == InstanceGroupRole.Bastion) {
            status.readyReplicas = (int) running;
            return running >= target
                    ? PhaseResult.done(null, "InstancesRunning", running + " bastion instance(s) running")
                    : PhaseResult.inProgress(null, "WaitingForInstances", running + " of " + target + " bastion instance(s) running");
        }
        WorkloadConnection connection = connector.connect(group.getMetadata().getNamespace(), group.getSpec().clusterName);
        Optional<Map<String, InstanceNode>> byInstance = nodes.byInstance(connection,
                status.instances.stream().map(i -> i.id).toList());
        if (byInstance.isEmpty()) {
            // keep what was last seen rather than report every node gone while the API does not answer
            return PhaseResult.inProgress(null, WAITING_FOR_API_SERVER, status.replicas + " instance(s); the cluster's API "
                    + "does not answer yet" + connection.problem().map(p -> " (" + p + ")").orElse(""));
        }
        for (InstanceGroupStatus.InstanceStatus instance : status.instances) {
            InstanceNode node = byInstance.get().get(instance.id);
            instance.nodeName = node == null ? null : node.nodeName();
            instance.ready = node != null && node.ready();
            instance.notReadySince = node == null || node.notReadySince() == null ? null : node.notReadySince().toString();
        }
        int ready = (int) status.instances.stream().filter(i -> i.ready).count();
        status.readyReplicas = ready;
        if (ready >= target) {
            return PhaseResult.done(null, "NodesReady", ready + " Ready node(s), at least minSize " + target
                    + "; " + status.updatedReplicas + " of " + status.replicas + " instance(s) up to date");
        }
        return PhaseResult.inProgress(null, "WaitingForNodes", ready + " of " + target + " node(s) Ready; "
                + status.replicas + " instance(s)");
    }
}
