package io.slipway.controller;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.workload.NodeWatches;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * For a reconciler of InstanceGroups: the Cluster each group names (spec.clusterName, same namespace) as its secondary
 * resource, a change of a Cluster re-triggering every group that names it, and an index of the groups by Cluster; with
 * {@link NodeWatches}, a change of the Cluster's workload Nodes re-triggers its groups too.
 */
final class GroupsOfCluster {
    private final String index;

    /** {@code index}: the name of the primary cache's index, one per reconciler. */
    GroupsOfCluster(String index) {
        this.index = index;
    }

    List<EventSource<?, InstanceGroup>> eventSources(EventSourceContext<InstanceGroup> context, NodeWatches nodes) {
        List<EventSource<?, InstanceGroup>> sources = new java.util.ArrayList<>(eventSources(context));
        sources.add(new WorkloadNodeEventSource(nodes, context.getPrimaryCache(), index));
        return sources;
    }

    List<EventSource<?, InstanceGroup>> eventSources(EventSourceContext<InstanceGroup> context) {
        context.getPrimaryCache().addIndexer(index, ig -> List.of(key(ig)));
        var config = InformerEventSourceConfiguration.from(Cluster.class, InstanceGroup.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper((Cluster cluster) -> context.getPrimaryCache()
                        .byIndex(index, cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((InstanceGroup ig) -> ig.getSpec() == null || ig.getSpec().clusterName == null
                        ? Set.of()
                        : Set.of(new ResourceID(ig.getSpec().clusterName, ig.getMetadata().getNamespace())))
                .build();
        return List.of(new InformerEventSource<>(config, context));
    }

    static String key(InstanceGroup ig) {
        String name = ig.getSpec() == null ? null : ig.getSpec().clusterName;
        return ig.getMetadata().getNamespace() + "/" + name;
    }

    String index() {
        return index;
    }
}
