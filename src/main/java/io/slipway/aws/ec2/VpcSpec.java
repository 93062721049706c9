package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * A VPC. Managed: {@code cidr} and tags (its DNS settings are {@link VpcDnsAttributeSpec}s of their own). Shared
 * (bring your own): {@code existingId}, and the {@code cidr} to validate it against (null: not checked); its tags are
 * not checked.
 */
public record VpcSpec(String cidr, Map<String, String> tags, String existingId) implements ResourceSpec {
    public VpcSpec {
        tags = Ec2Tags.sorted(tags);
    }

    public static VpcSpec managed(String cidr, Map<String, String> tags) {
        return new VpcSpec(cidr, tags, null);
    }

    public static VpcSpec shared(String vpcId, String cidr) {
        return new VpcSpec(cidr, Map.of(), vpcId);
    }

    @Override
    public String kind() {
        return VpcKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of();
    }
}
