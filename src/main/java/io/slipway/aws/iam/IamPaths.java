package io.slipway.aws.iam;

import io.slipway.cloud.Owner;

/**
 * The IAM paths of an owner: {@code /slipway/<namespace>/<cluster>/} for the whole cluster, and below it one path
 * per scope, {@code /slipway/<namespace>/<cluster>/<scope>/} (the same rule as model.AwsNames#iamPath). Kinds whose
 * listing carries no tags (instance profiles) own what is under their owner's path; roles are still owned by tags.
 */
final class IamPaths {
    private IamPaths() {
    }

    static String ofCluster(String ownerId) {
        return "/slipway/" + ownerId + "/";
    }

    /** The owner's path; for every scope, the cluster's (a prefix of every scope's). */
    static String ofOwner(Owner owner) {
        return owner.isEveryScope() ? ofCluster(owner.id()) : ofCluster(owner.id()) + owner.scope() + "/";
    }

    /**
     * True when a resource at {@code path} was made for {@code owner}: at its scope's path, or, for every scope,
     * anywhere under the cluster's (also directly at it, where profiles lived before paths named the scope).
     */
    static boolean owns(Owner owner, String path) {
        return owner.isEveryScope() ? path.startsWith(ofCluster(owner.id())) : path.equals(ofOwner(owner));
    }
}
