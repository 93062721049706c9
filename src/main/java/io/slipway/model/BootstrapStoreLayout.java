package io.slipway.model;

import io.slipway.api.InstanceGroupRole;

/**
 * Where a cluster's bootstrap objects live: in a bucket of its own (keys start at the root), or, when the operator
 * is configured with a state-store bucket, under {@code <namespace>/<cluster>/} in that bucket. Each instance-group
 * role has a folder of its own, so that IAM can let each role read only its own objects.
 *
 * @param bucket the bucket name
 * @param prefix "" for a bucket of the cluster's own, else {@code <namespace>/<cluster>/}
 * @param sharedBucket true when the bucket is the operator's state store (never created or deleted by a cluster)
 */
public record BootstrapStoreLayout(String bucket, String prefix, boolean sharedBucket) {
    public static final String OBJECT_NAME = "bootstrap.json";
    /** The lock object the first control-plane instance creates; see {@link #initLockKey()}. */
    public static final String INIT_LOCK_NAME = "init.lock";

    /** A bucket of the cluster's own, named from the cluster and the account (bucket names are global). */
    public static BootstrapStoreLayout ownBucket(AwsNames names, String accountId) {
        return new BootstrapStoreLayout(names.bootstrapBucket(accountId), "", false);
    }

    /** A per-cluster prefix in the operator's state-store bucket. */
    public static BootstrapStoreLayout stateStore(String bucket, AwsNames names) {
        return new BootstrapStoreLayout(bucket, names.namespace() + "/" + names.cluster() + "/", true);
    }

    /** {@code <prefix>bootstrap/}: the folders of every role; every key under it is the cluster's. */
    public String bootstrapFolder() {
        return prefix + "bootstrap/";
    }

    /** {@code <prefix>bootstrap/<role>/}: everything a role may read. */
    public String roleFolder(InstanceGroupRole role) {
        return bootstrapFolder() + folderName(role) + "/";
    }

    /** The object a role's instances fetch at boot. */
    public String objectKey(InstanceGroupRole role) {
        return roleFolder(role) + OBJECT_NAME;
    }

    /**
     * {@code <prefix>locks/init.lock}: the control-plane instance whose conditional {@code PutObject}
     * ({@code If-None-Match: *}) creates it runs {@code kubeadm init}; every other one joins. Outside the bootstrap
     * folder on purpose: the instances write it, not the operator, so the operator's plans (which own every key
     * under the bootstrap folder) never see it; the Cluster's teardown empties the cluster's whole prefix and takes
     * it with the rest. IAM lets only the control plane create and read it.
     */
    public String initLockKey() {
        return prefix + "locks/" + INIT_LOCK_NAME;
    }

    /** Every key of the cluster starts with this ("" for a bucket of its own). */
    public String clusterPrefix() {
        return prefix;
    }

    public static String folderName(InstanceGroupRole role) {
        return switch (role) {
            case ControlPlane -> "control-plane";
            case Node -> "node";
            case Bastion -> "bastion";
        };
    }
}
