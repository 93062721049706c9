package io.slipway.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers of the workload package: one connector for the operator, closed with it. */
public class WorkloadBeans {
    @Produces
    @Singleton
    WorkloadConnector workloadConnector(KubernetesClient client, WorkloadConfig config) {
        return new WorkloadConnector(client, EndpointOverrides.parse(config.endpointOverride().orElse("")));
    }

    void closeWorkloadConnector(@Disposes WorkloadConnector connector) {
        connector.close();
    }

    /** The Nodes of every connected workload cluster, watched through the connector's clients. */
    @Produces
    @Singleton
    NodeWatches nodeWatches(WorkloadConnector connector) {
        NodeWatches watches = new NodeWatches();
        connector.addListener(watches);
        return watches;
    }

    void closeNodeWatches(@Disposes NodeWatches watches) {
        watches.close();
    }

    @Produces
    @Singleton
    ClusterValidator clusterValidator() {
        return new ClusterValidator(ClusterValidator.DEFAULT_MAX_FAILURES);
    }
}
