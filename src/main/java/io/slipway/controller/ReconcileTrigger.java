package io.slipway.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;

import java.util.Map;
import java.util.Objects;

/**
 * Which updates of a Cluster or InstanceGroup start a reconcile: a spec change (generation), a new value of the
 * annotation {@value #REQUESTED_AT} (the Flux convention for "reconcile now"), deletion, and finalizer changes.
 * Status-only and other metadata updates do not, so the operator's own status patches never start a loop; except
 * that an InstanceGroup's status.rollout moving on (another controller's) does.
 * <p>
 * It replaces JOSDK's generation-aware filter (turned off on the controllers) because JOSDK ANDs a custom update
 * filter with its own: a custom filter can only narrow what the generation filter lets through, never widen it.
 */
public class ReconcileTrigger implements OnUpdateFilter<HasMetadata> {
    public static final String REQUESTED_AT = "slipway.io/reconcile-requested-at";

    @Override
    public boolean accept(HasMetadata updated, HasMetadata previous) {
        return generation(updated) > generation(previous)
                || !Objects.equals(requestedAt(updated), requestedAt(previous))
                || (updated.isMarkedForDeletion() && !previous.isMarkedForDeletion())
                || !Objects.equals(updated.getMetadata().getFinalizers(), previous.getMetadata().getFinalizers())
                || rolloutMoved(updated, previous);
    }

    /**
     * The rollout controller's status.rollout changed phase or count: the InstanceGroup reconciler sets the
     * RollingUpdate condition from it and reads the replaced instances back. Its messages alone do not count.
     */
    static boolean rolloutMoved(HasMetadata updated, HasMetadata previous) {
        if (!(updated instanceof InstanceGroup now) || !(previous instanceof InstanceGroup before)) {
            return false;
        }
        InstanceGroupStatus.RolloutStatus a = now.getStatus() == null ? null : now.getStatus().rollout;
        InstanceGroupStatus.RolloutStatus b = before.getStatus() == null ? null : before.getStatus().rollout;
        if (a == null || b == null) {
            return a != b;
        }
        return !Objects.equals(a.phase, b.phase) || a.replaced != b.replaced || a.remaining != b.remaining;
    }

    /** The value of the reconcile-request annotation, or null when there is none. */
    public static String requestedAt(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(REQUESTED_AT);
    }

    /** True when {@code requestedAt} asks for a reconcile not handled yet ({@code handled}: status.lastHandledReconcileAt). */
    public static boolean newRequest(String requestedAt, String handled) {
        return requestedAt != null && !requestedAt.equals(handled);
    }

    private static long generation(HasMetadata resource) {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}
