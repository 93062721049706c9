package io.slipway.aws.iam;

import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.List;

/** The IAM kinds, in find order (a profile's role is found before it). */
public final class IamKinds {
    private IamKinds() {
    }

    public static List<ResourceKind<?, ?>> list(IamClient iam) {
        return List.of(new IamRoleKind(iam), new IamInstanceProfileKind(iam));
    }
}
