package io.slipway.aws.iam;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Objects;

/**
 * A role in an instance profile: {@code Ref.output(profileId, IamInstanceProfileKind.PROFILE_NAME)} holds
 * {@code Ref.output(roleId, IamRoleKind.ROLE_NAME)} (a profile holds at most one role).
 */
public record IamInstanceProfileRoleSpec(Ref profile, Ref role) implements ResourceSpec {
    public IamInstanceProfileRoleSpec {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String kind() {
        return IamInstanceProfileRoleKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(profile, role);
    }
}
