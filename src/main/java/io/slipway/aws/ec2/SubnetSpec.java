package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * A subnet in {@code vpc}. Shared (bring your own): {@code existingId}, validated against vpc, zone and cidr
 * (a null cidr is not checked); its tags are never touched.
 */
public record SubnetSpec(Ref vpc, String cidr, String zone, Map<String, String> tags, String existingId)
        implements ResourceSpec {
    public SubnetSpec {
        tags = Ec2Tags.sorted(tags);
    }

    public static SubnetSpec managed(Ref vpc, String cidr, String zone, Map<String, String> tags) {
        return new SubnetSpec(vpc, cidr, zone, tags, null);
    }

    public static SubnetSpec shared(Ref vpc, String subnetId, String cidr, String zone) {
        return new SubnetSpec(vpc, cidr, zone, Map.of(), subnetId);
    }

    @Override
    public String kind() {
        return SubnetKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(vpc);
    }
}
