package io.slipway.rollout.remediation;

import io.slipway.api.InstanceGroupRole;

import java.util.List;

/**
 * One group as remediation sees it. {@code nodesObserved} is false when the workload API did not answer, so node
 * fields are stale; {@code clusterControlPlane} holds every control-plane instance of the Cluster, across its groups
 * (etcd members), and matters only for a control-plane group.
 */
public record GroupHealth(String groupName, InstanceGroupRole role, List<InstanceHealth> instances, boolean nodesObserved,
                          List<InstanceHealth> clusterControlPlane) {
    public GroupHealth {
        instances = List.copyOf(instances);
        clusterControlPlane = List.copyOf(clusterControlPlane);
    }
}
