package io.slipway.aws.ccm;

import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;

import java.util.List;

/**
 * A kind Slipway only deletes: what the cloud-controller-manager or the CSI driver made for the cluster. It finds
 * (and so is deleted) only for a whole-cluster owner, the Cluster's teardown; for any other owner it finds nothing
 * without a call, so a living cluster's plan never deletes a Service's load balancer or a volume. Everything it finds
 * is owned by that teardown.
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
        String clusterTagKey = KubernetesClusterTag.key(owner);
        return findMadeForCluster(clusterTagKey, context).stream()
                .map(state -> new LiveResource<>(name(), logicalId(state), cloudId(state), state, true)).toList();
    }

    /** Every live resource of this kind tagged {@code <clusterTagKey>=owned} that Slipway did not make. */
    abstract List<L> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context);

    /** {@code <logical prefix>/<cloud id>}: stable, and readable in status messages. */
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
