package io.slipway.aws.iam;

import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.List;

/** The IAM kinds, in find order (a role before its policies, role and profile before the role's membership). */
public final class IamKinds {
    private IamKinds() {
    }

    public static List<ResourceKind<?, ?>> list(IamClient iam) {
        return List.of(new IamRoleKind(iam), new IamRolePolicyKind(iam), new IamInstanceProfileKind(iam),
                new IamInstanceProfileRoleKind(iam));
    }
}
