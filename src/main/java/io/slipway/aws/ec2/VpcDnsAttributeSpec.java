package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Objects;

/** A DNS attribute of a managed VPC ({@code Ref.to(vpcId)}): on or off. Its logical id is {@link VpcDnsAttribute#logicalIdFor}. */
public record VpcDnsAttributeSpec(VpcDnsAttribute attribute, Ref vpc, boolean enabled) implements ResourceSpec {
    public VpcDnsAttributeSpec {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(vpc, "vpc");
    }

    @Override
    public String kind() {
        return attribute.kindName();
    }

    @Override
    public List<Ref> references() {
        return List.of(vpc);
    }
}
