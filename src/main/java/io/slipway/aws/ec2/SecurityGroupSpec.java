package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * A security group in {@code vpc}; name and description are immutable. Egress is all traffic to anywhere
 * (what EC2 gives a new group); other egress rules are removed. Ingress rules are {@link SecurityGroupRuleSpec}s.
 */
public record SecurityGroupSpec(Ref vpc, String groupName, String description, Map<String, String> tags)
        implements ResourceSpec {
    public SecurityGroupSpec {
        tags = Ec2Tags.sorted(tags);
    }

    @Override
    public String kind() {
        return SecurityGroupKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(vpc);
    }
}
