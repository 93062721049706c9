package io.slipway.aws.ccm;

import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kind Slipway only deletes: what the cloud-controller-manager or the CSI driver made for the cluster. It finds
 * only for a whole-cluster owner whose lookup graph names the cluster tag key ({@link LeftoverSpec#sweep}): the
 * Cluster's teardown. For any other owner, or without that lookup, it finds nothing and makes no call, so a living
 * cluster's plan never deletes a Service's load balancer or a volume. What it finds, that teardown owns.
 */
abstract class LeftoverKind<L> implements ResourceKind<LeftoverSpec, L> {

    @Override
    public final Class<LeftoverSpec> specType() {
        return LeftoverSpec.class;
    }

    @Override
    public final List<LiveResource<L>> find(FindContext<LeftoverSpec> context) {
        Owner owner = context.owner();
        if (!owner.isEveryScope()) {
            return List.of();
        }
        Set<String> keys = new TreeSet<>();
        for (DesiredResource<LeftoverSpec> lookup : context.desired()) {
            keys.add(lookup.spec().clusterTagKey());
        }
        List<LiveResource<L>> found = new ArrayList<>();
        for (String clusterTagKey : keys) {
            for (L state : findMadeForCluster(clusterTagKey, context)) {
                found.add(new LiveResource<>(name(), logicalId(state), cloudId(state), state, true));
            }
        }
        return found;
    }

    /** Every live resource of this kind tagged {@code <clusterTagKey>=owned} that Slipway did not make. */
    abstract List<L> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context);

    /** {@code <prefix>/<cloud id or name>}: stable, and readable in status messages. */
    abstract String logicalId(L live);

    @Override
    public final List<FieldChange> diff(LeftoverSpec desired, L live, Refs refs) {
        return List.of();
    }

    @Override
    public final L create(Owner owner, String logicalId, LeftoverSpec desired, Refs refs) {
        throw new UnsupportedOperationException(name() + " is made by the cluster's own controllers; Slipway only deletes it");
    }

    @Override
    public final L update(String logicalId, LeftoverSpec desired, L live, List<FieldChange> changes, Refs refs) {
        throw new UnsupportedOperationException(name() + " is made by the cluster's own controllers; Slipway only deletes it");
    }
}
