package io.slipway.aws.autoscaling;

import io.slipway.aws.ec2.LaunchTemplateKind;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;

/**
 * The kinds of an instance group, in find order: its launch template, then its auto scaling group. Registered after
 * the network, IAM and load balancer kinds, so that a teardown deletes them before what they use.
 */
public final class AutoScalingKinds {
    private AutoScalingKinds() {
    }

    public static List<ResourceKind<?, ?>> list(Ec2Client ec2, AutoScalingClient autoScaling) {
        return List.of(new LaunchTemplateKind(ec2), new AutoScalingGroupKind(autoScaling));
    }
}
