package io.slipway.aws.iam;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM role for instances: its unique name under its owner's IAM path, the trust policy and an optional
 * permissions boundary (policy ARN). Its inline policies are {@link IamRolePolicySpec}s.
 */
public record IamRoleSpec(String roleName, String path, String trustPolicy, String permissionsBoundary,
                          Map<String, String> tags) implements ResourceSpec {
    public IamRoleSpec {
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(trustPolicy, "trustPolicy");
        tags = IamTags.sorted(tags);
    }

    @Override
    public String kind() {
        return IamRoleKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of();
    }
}
