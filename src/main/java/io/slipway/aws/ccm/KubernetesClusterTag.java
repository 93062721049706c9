package io.slipway.aws.ccm;

import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.Owner;

import java.util.Map;

/**
 * The tag by which the cloud-controller-manager and the EBS CSI driver mark what they make for a cluster:
 * {@code kubernetes.io/cluster/<name>=owned} ({@code shared} marks what they only use, which is never deleted).
 * Slipway gives them its Cluster's bare name as the cluster id (model.AwsNames#clusterTagKey); the owner id is
 * {@code <namespace>/<name>}, so the key is derived from it here, and a test keeps the two in step.
 */
public final class KubernetesClusterTag {
    public static final String PREFIX = "kubernetes.io/cluster/";
    public static final String OWNED = "owned";

    private KubernetesClusterTag() {
    }

    /** {@code kubernetes.io/cluster/<name>} of the owner's cluster. */
    public static String key(Owner owner) {
        String id = owner.id();
        return PREFIX + id.substring(id.indexOf('/') + 1);
    }

    /**
     * True when these tags mark a resource made for the cluster by someone other than Slipway: the cluster tag says
     * {@code owned} and none of Slipway's ownership marks is there (what Slipway made, its owner's plans delete).
     */
    public static boolean madeForClusterByOthers(Map<String, String> tags, String clusterTagKey) {
        return OWNED.equals(tags.get(clusterTagKey)) && tags.keySet().stream().noneMatch(OwnershipTags::isOwnershipKey);
    }
}
