package io.slipway.aws.iam;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An instance profile under the cluster's IAM path holding one role ({@code Ref.output(roleId, IamRoleKind.ROLE_NAME)}). */
public record IamInstanceProfileSpec(String profileName, String path, Ref role, Map<String, String> tags)
        implements ResourceSpec {
    public IamInstanceProfileSpec {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(role, "role");
        tags = IamTags.sorted(tags);
    }

    @Override
    public String kind() {
        return IamInstanceProfileKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(role);
    }
}
