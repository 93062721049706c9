package io.slipway.model;

import io.slipway.api.IamStatus;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.iam.IamInstanceProfileKind;
import io.slipway.aws.iam.IamRoleKind;
import io.slipway.cloud.ResourceState;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the engine's resource views into the IAM part of the Cluster's status. Pure. */
public final class IamStatusMapper {
    private IamStatusMapper() {
    }

    /** Roles and profiles as found or created; a role whose role and profile both do not exist (yet) is left out. */
    public static IamStatus iam(Collection<ResourceState> resources) {
        Map<String, ResourceState> byId = resources.stream()
                .collect(Collectors.toMap(ResourceState::logicalId, Function.identity(), (a, b) -> a));
        IamStatus status = new IamStatus();
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            ResourceState iamRole = byId.get(IamIds.role(role));
            ResourceState profile = byId.get(IamIds.instanceProfile(role));
            if (iamRole == null && profile == null) {
                continue;
            }
            IamStatus.IamRoleStatus entry = new IamStatus.IamRoleStatus();
            entry.role = role.name();
            if (iamRole != null) {
                entry.roleName = iamRole.outputs().getOrDefault(IamRoleKind.ROLE_NAME, iamRole.cloudId());
                entry.roleARN = iamRole.outputs().get(IamRoleKind.ARN);
            }
            if (profile != null) {
                entry.instanceProfileName = profile.outputs().getOrDefault(IamInstanceProfileKind.PROFILE_NAME, profile.cloudId());
                entry.instanceProfileARN = profile.outputs().get(IamInstanceProfileKind.ARN);
            }
            status.roles.add(entry);
        }
        return status;
    }
}
