package io.slipway.aws.elb;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/** A load balancer listener forwarding {@code protocol}/{@code port} to one target group. */
public record ListenerSpec(Ref loadBalancer, Ref targetGroup, String protocol, int port, Map<String, String> tags)
        implements ResourceSpec {
    public ListenerSpec {
        tags = ElbTags.sorted(tags);
    }

    @Override
    public String kind() {
        return ListenerKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(loadBalancer, targetGroup);
    }
}
