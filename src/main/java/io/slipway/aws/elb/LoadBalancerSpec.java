package io.slipway.aws.elb;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network load balancer. {@code internal} picks the scheme (internal or internet-facing); {@code subnets} are at
 * most one per zone; {@code securityGroups} are references (Slipway's group) or literals (the user's). Cross-zone
 * is a {@link LoadBalancerCrossZoneSpec}.
 */
public record LoadBalancerSpec(String name, boolean internal, List<Ref> subnets, List<Ref> securityGroups,
                               Map<String, String> tags) implements ResourceSpec {
    public LoadBalancerSpec {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        tags = ElbTags.sorted(tags);
    }

    public String scheme() {
        return internal ? "internal" : "internet-facing";
    }

    @Override
    public String kind() {
        return LoadBalancerKind.NAME;
    }

    @Override
    public List<Ref> references() {
        List<Ref> all = new ArrayList<>(subnets);
        all.addAll(securityGroups);
        return all;
    }
}
