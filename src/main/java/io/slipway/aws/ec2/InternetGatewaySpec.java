package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * An internet gateway. Managed: tags (its attachment is an {@link InternetGatewayAttachmentSpec}). Shared:
 * the gateway attached to {@code attachedTo} (a bring-your-own VPC), found by that attachment.
 */
public record InternetGatewaySpec(Map<String, String> tags, Ref attachedTo) implements ResourceSpec {
    public InternetGatewaySpec {
        tags = Ec2Tags.sorted(tags);
    }

    public static InternetGatewaySpec managed(Map<String, String> tags) {
        return new InternetGatewaySpec(tags, null);
    }

    public static InternetGatewaySpec sharedOf(Ref vpc) {
        return new InternetGatewaySpec(Map.of(), vpc);
    }

    @Override
    public String kind() {
        return InternetGatewayKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return attachedTo == null ? List.of() : List.of(attachedTo);
    }
}
