package io.slipway.aws.elb;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * A target group of instances: {@code protocol}/{@code port} is where the load balancer sends traffic, the health
 * check probes {@code healthCheckProtocol} on {@code healthCheckPort} ({@code healthCheckPath} for HTTP(S) only).
 */
public record TargetGroupSpec(String name, Ref vpc, String protocol, int port, String healthCheckProtocol,
                              int healthCheckPort, String healthCheckPath, Map<String, String> tags)
        implements ResourceSpec {
    public TargetGroupSpec {
        tags = ElbTags.sorted(tags);
    }

    /** TCP on {@code port}, instances, health-checked with a TCP connect to the same port. */
    public static TargetGroupSpec tcp(String name, Ref vpc, int port, Map<String, String> tags) {
        return new TargetGroupSpec(name, vpc, "TCP", port, "TCP", port, null, tags);
    }

    @Override
    public String kind() {
        return TargetGroupKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(vpc);
    }
}
