package io.slipway.aws.iam;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Objects;

/**
 * One inline policy of a role ({@code Ref.output(roleId, IamRoleKind.ROLE_NAME)}): its name and JSON document.
 */
public record IamRolePolicySpec(Ref role, String policyName, String document) implements ResourceSpec {
    public IamRolePolicySpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(document, "document");
    }

    @Override
    public String kind() {
        return IamRolePolicyKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(role);
    }

}
