package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/** A public NAT gateway in {@code subnet} with the address {@code elasticIp}. Both are immutable. */
public record NatGatewaySpec(Ref subnet, Ref elasticIp, Map<String, String> tags) implements ResourceSpec {
    public NatGatewaySpec {
        tags = Ec2Tags.sorted(tags);
    }

    @Override
    public String kind() {
        return NatGatewayKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(subnet, elasticIp);
    }
}
