package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.cloud.Owner;

/**
 * The owners of a cluster's cloud resources: the Cluster owns the cluster-level ones (network, IAM, bootstrap
 * store, API load balancer, DNS) in the cluster scope; each InstanceGroup owns its own in a scope of its own.
 */
public final class Owners {
    private Owners() {
    }

    /** The cluster-level resources of a Cluster. */
    public static Owner cluster(Cluster cluster) {
        return new Owner(AwsNames.owner(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName()));
    }

    /** The resources of one InstanceGroup of a cluster. */
    public static Owner instanceGroup(String namespace, String clusterName, String instanceGroup) {
        return new Owner(AwsNames.owner(namespace, clusterName), "instancegroup/" + instanceGroup);
    }

    /** Everything tagged for the cluster, whatever its scope: what deleting the Cluster sweeps. */
    public static Owner wholeCluster(Cluster cluster) {
        return cluster(cluster).everyScope();
    }
}
