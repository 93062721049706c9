package io.slipway.cloud;

import java.util.Objects;

/**
 * Who owns a set of cloud resources. {@code id} is the cluster they all belong to ({@code <namespace>/<name>});
 * {@code scope} says which graph within it made them: {@link #CLUSTER_SCOPE} for the cluster-level resources,
 * another value for, say, one instance group's. A plan deletes only what its own scope made; a teardown that
 * sweeps the whole cluster uses {@link #everyScope()}. A cloud implementation turns this into its ownership marks
 * (for AWS: tags).
 */
public record Owner(String id, String scope) {
    /** The scope of the resources a cluster itself owns; also what a resource without a scope mark belongs to. */
    public static final String CLUSTER_SCOPE = "cluster";
    /** Matches every scope: only for finding and deleting, never for creating. */
    public static final String ANY_SCOPE = "*";

    public Owner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        if (id.isBlank() || scope.isBlank()) {
            throw new IllegalArgumentException("owner id and scope must not be blank");
        }
    }

    /** The cluster-level owner. */
    public Owner(String id) {
        this(id, CLUSTER_SCOPE);
    }

    /** The same cluster, another scope. */
    public Owner withScope(String otherScope) {
        return new Owner(id, otherScope);
    }

    /** The same cluster, every scope: what a cluster's teardown sweeps. */
    public Owner everyScope() {
        return withScope(ANY_SCOPE);
    }

    public boolean isEveryScope() {
        return ANY_SCOPE.equals(scope);
    }

    /**
     * True when a resource marked with this cluster id and scope belongs to this owner. A missing scope mark
     * means the cluster scope (resources made before scopes existed).
     */
    public boolean owns(String markedId, String markedScope) {
        if (!id.equals(markedId)) {
            return false;
        }
        return isEveryScope() || scope.equals(markedScope == null ? CLUSTER_SCOPE : markedScope);
    }

    @Override
    public String toString() {
        return CLUSTER_SCOPE.equals(scope) ? id : id + " (" + scope + ")";
    }
}
