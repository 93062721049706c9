package io.slipway.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

import java.util.Map;
import java.util.Objects;

/**
 * Which updates of a Cluster or InstanceGroup start a reconcile: a spec change (generation), a new value of the
 * annotation {@value #REQUESTED_AT} (the Flux convention for "reconcile now"), deletion, and finalizer changes.
 * Status-only and other metadata updates do not, so the operator's own status patches never start a loop.
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
                || !Objects.equals(updated.getMetadata().getFinalizers(), previous.getMetadata().getFinalizers());
    }

    /** The value of the reconcile-request annotation, or null when there is none. */
    public static String requestedAt(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(REQUESTED_AT);
    }

    private static long generation(HasMetadata resource) {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}
