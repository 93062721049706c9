package io.slipway.aws.elb;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Objects;

/** Cross-zone load balancing of a load balancer ({@code Ref.output(lbId, LoadBalancerKind.ARN)}): on or off. */
public record LoadBalancerCrossZoneSpec(Ref loadBalancer, boolean enabled) implements ResourceSpec {
    public LoadBalancerCrossZoneSpec {
        Objects.requireNonNull(loadBalancer, "loadBalancer");
    }

    @Override
    public String kind() {
        return LoadBalancerCrossZoneKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(loadBalancer);
    }
}
