package io.slipway.cloud;

import java.util.Objects;

/**
 * The owner of a set of cloud resources (for Slipway: one Cluster, {@code <namespace>/<name>}).
 * A cloud implementation turns it into its ownership filter (for AWS: a tag).
 */
public record Owner(String id) {
    public Owner {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("owner id must not be blank");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
