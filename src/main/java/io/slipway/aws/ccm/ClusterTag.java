package io.slipway.aws.ccm;

import io.slipway.aws.OwnershipTags;

import java.util.Map;

/**
 * How the cloud-controller-manager and the EBS CSI driver mark what they make for a cluster:
 * {@code kubernetes.io/cluster/<name>=owned}; {@code shared} marks what they only use, which is never deleted.
 */
final class ClusterTag {
    static final String OWNED = "owned";

    private ClusterTag() {
    }

    /**
     * True when these tags mark a resource made for the cluster by someone other than Slipway: the cluster tag says
     * {@code owned} and none of Slipway's ownership marks is there (what Slipway made, its owners' plans delete).
     */
    static boolean madeForClusterByOthers(Map<String, String> tags, String clusterTagKey) {
        return OWNED.equals(tags.get(clusterTagKey)) && tags.keySet().stream().noneMatch(OwnershipTags::isOwnershipKey);
    }
}
