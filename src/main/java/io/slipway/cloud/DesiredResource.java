package io.slipway.cloud;

import java.util.List;
import java.util.Objects;

/** One node of the desired graph. */
public record DesiredResource<S extends ResourceSpec>(String logicalId, Lifecycle lifecycle, S spec) {
    public DesiredResource {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(spec, "spec");
    }

    public String kind() {
        return spec.kind();
    }

    /** Logical ids this resource depends on; none for an {@link Lifecycle#EXTERNAL} one, which exists already. */
    public List<String> dependencies() {
        if (lifecycle == Lifecycle.EXTERNAL) {
            return List.of();
        }
        return spec.references().stream().filter(r -> !r.isLiteral()).map(Ref::logicalId).distinct().toList();
    }
}
