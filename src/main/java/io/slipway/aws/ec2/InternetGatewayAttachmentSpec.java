package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;

/** An internet gateway attached to a VPC. Its logical id is {@link #logicalIdFor}(the gateway's). */
public record InternetGatewayAttachmentSpec(Ref internetGateway, Ref vpc) implements ResourceSpec {

    public static String logicalIdFor(String internetGatewayLogicalId) {
        return internetGatewayLogicalId + "/attachment";
    }

    @Override
    public String kind() {
        return InternetGatewayAttachmentKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(internetGateway, vpc);
    }
}
