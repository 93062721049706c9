package io.slipway.aws;

import io.slipway.cloud.Owner;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Slipway's ownership marks, the same on every AWS service that has tags: {@code slipway.io/cluster=<namespace>/
 * <name>} says which cluster a resource belongs to (the find filter, and what a cluster's teardown sweeps),
 * {@code slipway.io/owner=<scope>} which graph of it made the resource (the cluster itself, or one instance
 * group), and {@code slipway.io/resource=<logical id>} which desired resource it is. All three go into the create
 * call, with the spec's own tags.
 */
public final class OwnershipTags {
    public static final String CLUSTER = "slipway.io/cluster";
    public static final String SCOPE = "slipway.io/owner";
    public static final String RESOURCE = "slipway.io/resource";

    private OwnershipTags() {
    }

    /** The spec's tags plus the ownership tags, for a create call. An every-scope owner cannot create. */
    public static Map<String, String> withOwnership(Map<String, String> tags, Owner owner, String logicalId) {
        if (owner.isEveryScope()) {
            throw new IllegalArgumentException("cannot create " + logicalId + " for every scope of " + owner.id());
        }
        Map<String, String> all = new TreeMap<>(tags == null ? Map.of() : tags);
        all.put(CLUSTER, owner.id());
        all.put(SCOPE, owner.scope());
        all.put(RESOURCE, logicalId);
        return Collections.unmodifiableMap(all);
    }

    /**
     * The logical id of a resource the owner owns; empty for anything else (another cluster's, another scope's, or
     * a resource without a logical id). Checked on the client, because not every describe honours tag filters and
     * some services have none.
     */
    public static Optional<String> ownedLogicalId(Map<String, String> tags, Owner owner) {
        if (tags == null || !owner.owns(tags.get(CLUSTER), tags.get(SCOPE))) {
            return Optional.empty();
        }
        return Optional.ofNullable(tags.get(RESOURCE));
    }

    /** True for Slipway's own tag keys, which a diff of the user's tags leaves alone. */
    public static boolean isOwnershipKey(String key) {
        return CLUSTER.equals(key) || SCOPE.equals(key) || RESOURCE.equals(key);
    }
}
