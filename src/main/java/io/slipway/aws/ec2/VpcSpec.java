package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * A VPC. Managed: {@code cidr}, DNS settings and tags. Shared (bring your own): {@code existingId}, and the
 * {@code cidr} to validate it against (null: not checked); null DNS settings and tags are not checked.
 */
public record VpcSpec(String cidr, Boolean enableDnsSupport, Boolean enableDnsHostnames, Map<String, String> tags,
                      String existingId) implements ResourceSpec {
    public VpcSpec {
        tags = Ec2Tags.sorted(tags);
    }

    public static VpcSpec managed(String cidr, Map<String, String> tags) {
        return new VpcSpec(cidr, true, true, tags, null);
    }

    public static VpcSpec shared(String vpcId, String cidr) {
        return new VpcSpec(cidr, null, null, Map.of(), vpcId);
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
