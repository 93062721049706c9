package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.cloud.DesiredGraph;

/**
 * Everything the Cluster owns in the cloud as one desired graph under the cluster's owner: the network, then what
 * a control plane needs before any instance boots. One graph, so one plan shows it all and one apply orders it all.
 */
public final class ClusterModel {
    private ClusterModel() {
    }

    public static DesiredGraph build(Cluster cluster, ClusterInputs inputs) {
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(cluster));
        NetworkModel.addTo(graph, cluster);
        BootstrapStoreModel.addTo(graph, cluster, inputs);
        IamModel.addTo(graph, cluster, inputs);
        ApiEndpointModel.addTo(graph, cluster, inputs);
        return graph.build();
    }
}
