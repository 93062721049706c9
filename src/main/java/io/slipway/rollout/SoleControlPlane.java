package io.slipway.rollout;

import java.util.Optional;

/**
 * The roll of a cluster's only control-plane instance. Its etcd is stacked on the instance and is the cluster's only
 * member, so replacing the instance loses the cluster's state, and the member cannot be removed first either (the
 * removal runs on another Ready control-plane node). Such a roll stops, with a message saying why and what to do,
 * unless the user names that very instance in {@link #FORCE_ANNOTATION} on its InstanceGroup, as kops'
 * {@code --cloudonly} replaces instances without caring for the cluster. Naming the instance, not a yes/no, keeps the
 * force from outliving the one replacement it was given for: the new instance has another id.
 */
public final class SoleControlPlane {
    /** The annotation whose value, an instance id, forces the replacement of that sole control-plane instance. */
    public static final String FORCE_ANNOTATION = "slipway.io/replace-sole-control-plane-losing-etcd-data";

    private SoleControlPlane() {
    }

    /**
     * @param controlPlaneInstances the cluster's live control-plane instances, of every control-plane group
     * @param forced                the value of {@link #FORCE_ANNOTATION} on the group, or null
     * @return why {@code instanceId} may not be replaced; empty when it may (it is not the only one, or it is forced)
     */
    public static Optional<String> refusal(String instanceId, String group, int controlPlaneInstances, String forced) {
        if (controlPlaneInstances > 1 || isForced(instanceId, forced)) {
            return Optional.empty();
        }
        return Optional.of("instance " + instanceId + " is the cluster's only control-plane instance: replacing it would"
                + " lose the cluster's state (its etcd is the only member) and no other control-plane node can remove its"
                + " etcd member first, so it is not touched. Run three control-plane groups (one per zone, as"
                + " examples/instancegroups.yaml does) and the roll goes on one instance at a time while etcd keeps quorum;"
                + " or, to replace it anyway and lose the cluster's state, annotate InstanceGroup " + group + " with "
                + FORCE_ANNOTATION + "=" + instanceId);
    }

    /** Whether the group's annotation forces the replacement of this instance. */
    public static boolean isForced(String instanceId, String forced) {
        return forced != null && instanceId != null && instanceId.equals(forced.trim());
    }
}
