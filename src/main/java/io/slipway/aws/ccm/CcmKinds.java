package io.slipway.aws.ccm;

import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.util.List;

/**
 * The delete-only kinds of what the cloud-controller-manager and the EBS CSI driver made for a cluster, in find
 * order (target groups before the load balancers that read them, groups before the rules that name them).
 */
public final class CcmKinds {
    /** Their names, in find order. */
    public static final List<String> NAMES = List.of(CcmClassicLoadBalancerKind.NAME, CcmTargetGroupKind.NAME,
            CcmLoadBalancerKind.NAME, CcmSecurityGroupKind.NAME, CcmSecurityGroupRuleKind.NAME, CsiVolumeKind.NAME);

    private CcmKinds() {
    }

    public static List<ResourceKind<?, ?>> list(Ec2Client ec2, ElasticLoadBalancingClient elb, ElasticLoadBalancingV2Client elbv2) {
        return List.of(
                new CcmClassicLoadBalancerKind(elb),
                new CcmTargetGroupKind(elbv2),
                new CcmLoadBalancerKind(elbv2),
                new CcmSecurityGroupKind(ec2),
                new CcmSecurityGroupRuleKind(ec2),
                new CsiVolumeKind(ec2));
    }
}
