package io.slipway.model;

import io.slipway.api.InstanceGroupRole;

/** The logical ids of a cluster's IAM resources: {@code iam/role/<role>}, {@code iam/instanceprofile/<role>}. */
public final class IamIds {
    private IamIds() {
    }

    public static String role(InstanceGroupRole role) {
        return "iam/role/" + BootstrapStoreLayout.folderName(role);
    }

    public static String instanceProfile(InstanceGroupRole role) {
        return "iam/instanceprofile/" + BootstrapStoreLayout.folderName(role);
    }
}
