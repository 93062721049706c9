package io.slipway.aws.elb;

import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.util.List;

/** The ELBv2 kinds, in find order (listeners are found on the load balancers found). */
public final class ElbKinds {
    private ElbKinds() {
    }

    public static List<ResourceKind<?, ?>> list(ElasticLoadBalancingV2Client elb) {
        return List.of(new LoadBalancerKind(elb), new LoadBalancerCrossZoneKind(elb), new TargetGroupKind(elb),
                new ListenerKind(elb));
    }
}
