package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;

import java.util.List;

/**
 * The InstanceGroups of a Cluster (same namespace, spec.clusterName equal to its name), deleted before the Cluster's
 * own resources: groups run on the Cluster's network, so they go first.
 */
final class ClusterInstanceGroups {
    private ClusterInstanceGroups() {
    }

    /** Asks the API to delete every group of the Cluster and returns the names of those that still exist. */
    static List<String> deleteAll(KubernetesClient client, Cluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        var groups = client.resources(InstanceGroup.class).inNamespace(namespace);
        List<InstanceGroup> remaining = groups.list().getItems().stream()
                .filter(ig -> ig.getSpec() != null && name.equals(ig.getSpec().clusterName))
                .toList();
        for (InstanceGroup ig : remaining) {
            if (!ig.isMarkedForDeletion()) {
                groups.withName(ig.getMetadata().getName()).delete();
            }
        }
        return remaining.stream().map(ig -> ig.getMetadata().getName()).sorted().toList();
    }
}
