package io.slipway.aws.ccm;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Objects;

/**
 * Where a delete-only kind looks: only a Cluster's teardown lookup graph holds these (one per kind, see
 * {@link #sweep}), naming the cluster tag key ({@code kubernetes.io/cluster/<name>}) the cluster's controllers tag
 * what they make with. Nothing is ever created from one: Slipway does not make what the cloud-controller-manager or
 * the CSI driver makes, and without one in the lookup those kinds find nothing.
 */
public record LeftoverSpec(String kind, String clusterTagKey) implements ResourceSpec {
    public static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";

    public LeftoverSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clusterTagKey, "clusterTagKey");
        if (!clusterTagKey.startsWith(CLUSTER_TAG_PREFIX) || clusterTagKey.length() == CLUSTER_TAG_PREFIX.length()) {
            throw new IllegalArgumentException("not a Kubernetes cluster tag key: " + clusterTagKey);
        }
    }

    /** One spec per delete-only kind, for a teardown's lookup graph: sweep what is tagged for this cluster. */
    public static List<LeftoverSpec> sweep(String clusterTagKey) {
        return CcmKinds.NAMES.stream().map(kind -> new LeftoverSpec(kind, clusterTagKey)).toList();
    }

    @Override
    public List<Ref> references() {
        return List.of();
    }
}
