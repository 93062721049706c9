package io.slipway.model;

import io.slipway.api.InstanceGroupRole;

/**
 * The logical ids of a cluster's IAM resources: {@code iam/role/<role>}, its inline policies
 * {@code iam/rolepolicy/<role>} and {@code iam/rolepolicy/<role>/additional}, {@code iam/instanceprofile/<role>} and
 * the role's place in it, {@code iam/profilerole/<role>}.
 */
public final class IamIds {
    private IamIds() {
    }

    public static String role(InstanceGroupRole role) {
        return "iam/role/" + BootstrapStoreLayout.folderName(role);
    }

    public static String instanceProfile(InstanceGroupRole role) {
        return "iam/instanceprofile/" + BootstrapStoreLayout.folderName(role);
    }

    /** Slipway's own inline policy of the role. */
    public static String rolePolicy(InstanceGroupRole role) {
        return "iam/rolepolicy/" + BootstrapStoreLayout.folderName(role);
    }

    /** The inline policy from iam.additionalPolicies. */
    public static String additionalRolePolicy(InstanceGroupRole role) {
        return rolePolicy(role) + "/additional";
    }

    /** The role in its instance profile. */
    public static String instanceProfileRole(InstanceGroupRole role) {
        return "iam/profilerole/" + BootstrapStoreLayout.folderName(role);
    }
}
