package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.slipway.api.InstanceGroup;
import io.slipway.workload.NodeWatches;

import java.util.Set;
import java.util.function.Consumer;

/**
 * For a reconciler of InstanceGroups: a change of a workload cluster's Nodes ({@link NodeWatches}) triggers the groups
 * of those Nodes (every group of the cluster for a Node of no group), found through the primary cache's index by
 * Cluster ({@link GroupsOfCluster}). It holds no Nodes: reconcilers read them from the workload cluster.
 */
final class WorkloadNodeEventSource extends AbstractEventSource<Node, InstanceGroup> implements Consumer<NodeWatches.Change> {
    private final NodeWatches watches;
    private final IndexedResourceCache<InstanceGroup> groups;
    private final String index;

    WorkloadNodeEventSource(NodeWatches watches, IndexedResourceCache<InstanceGroup> groups, String index) {
        super(Node.class, "workloadNodes");
        this.watches = watches;
        this.groups = groups;
        this.index = index;
    }

    @Override
    public void start() {
        super.start();
        watches.subscribe(this);
    }

    @Override
    public void stop() {
        watches.unsubscribe(this);
        super.stop();
    }

    @Override
    public void accept(NodeWatches.Change change) {
        if (!isRunning()) {
            return;
        }
        groups.byIndex(index, change.cluster()).stream().filter(ig -> change.concerns(ig.getMetadata().getName()))
                .forEach(ig -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(ig))));
    }

    @Override
    public Set<Node> getSecondaryResources(InstanceGroup primary) {
        return Set.of();
    }
}
