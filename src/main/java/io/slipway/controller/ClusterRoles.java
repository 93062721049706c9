package io.slipway.controller;

import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroupRole;

import java.util.EnumSet;
import java.util.Set;

/** The instance-group roles a Cluster needs IAM and bootstrap objects for. */
final class ClusterRoles {
    private ClusterRoles() {
    }

    /** Every cluster has a control plane and nodes; a bastion only when the topology asks for one. */
    static Set<InstanceGroupRole> inUse(Cluster cluster) {
        Set<InstanceGroupRole> roles = EnumSet.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node);
        if (cluster.getSpec().topology != null && cluster.getSpec().topology.bastion != null) {
            roles.add(InstanceGroupRole.Bastion);
        }
        return roles;
    }
}
