package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.aws.ccm.LeftoverSpec;
import io.slipway.cloud.DesiredGraph;

/**
 * What a Cluster's teardown looks with: the graph its spec describes (the kinds found by name learn their names
 * there; nothing of it is created), and, when the Kubernetes cluster name is the Cluster's, the cluster tag key
 * ({@link AwsNames#clusterTagKey()}) under which the delete-only kinds sweep what the cloud-controller-manager and
 * the EBS CSI driver made for it.
 */
public final class TeardownLookup {
    private TeardownLookup() {
    }

    /**
     * @param sweepClusterTag true only when the Kubernetes cluster name was this Cluster's: another cluster of that
     *                        name (a Slipway Cluster in another namespace, kops) tags its own Services' load balancers
     *                        with the same key
     */
    public static DesiredGraph of(Cluster cluster, ClusterInputs inputs, boolean sweepClusterTag) {
        DesiredGraph described;
        try {
            described = ClusterModel.build(cluster, inputs);
        } catch (IllegalArgumentException e) {
            // a spec the model refuses still has its resources found by ownership
            return DesiredGraph.empty(Owners.cluster(cluster));
        }
        if (!sweepClusterTag) {
            return described;
        }
        DesiredGraph.Builder lookup = DesiredGraph.builder(described.owner());
        described.inDependencyOrder().forEach(lookup::add);
        for (LeftoverSpec sweep : LeftoverSpec.sweep(AwsNames.of(cluster).clusterTagKey())) {
            lookup.shared("sweep/" + sweep.kind(), sweep);
        }
        return lookup.build();
    }
}
