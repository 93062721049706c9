package io.slipway.aws.errors;

import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.MISSING_INPUT;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TAKEN;

/**
 * Elastic Load Balancing v2 error codes. The load balancer, target groups and listeners are Slipway's and may be
 * not visible yet, and so may the network's subnets it is given; security groups and certificates ELB cannot find
 * are inputs (additional security groups, a certificate ARN).
 */
public final class ElbErrors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("LoadBalancerNotFound", NOT_FOUND_YET),
            Map.entry("TargetGroupNotFound", NOT_FOUND_YET),
            Map.entry("ListenerNotFound", NOT_FOUND_YET),
            Map.entry("RuleNotFound", NOT_FOUND_YET),
            Map.entry("ResourceInUse", IN_USE),
            Map.entry("OperationNotPermitted", REFUSED),
            Map.entry("InvalidSecurityGroup", MISSING_INPUT),
            Map.entry("SecurityGroupNotFound", MISSING_INPUT),
            // the load balancer's subnets are always the cluster's network, which the planner has found (a bring-
            // your-own subnet that is missing is a plan error before any create): ELB not seeing one is lag
            Map.entry("SubnetNotFound", NOT_FOUND_YET),
            Map.entry("InvalidSubnet", NOT_FOUND_YET),
            Map.entry("CertificateNotFound", MISSING_INPUT),
            Map.entry("AllocationIdNotFound", MISSING_INPUT),
            Map.entry("DuplicateLoadBalancerName", TAKEN),
            Map.entry("DuplicateTargetGroupName", TAKEN),
            Map.entry("DuplicateListener", TAKEN),
            Map.entry("TooManyLoadBalancers", REFUSED),
            Map.entry("TooManyTargetGroups", REFUSED),
            Map.entry("TooManyListeners", REFUSED),
            Map.entry("TooManyTags", REFUSED),
            Map.entry("InvalidConfigurationRequest", REFUSED),
            Map.entry("InvalidScheme", REFUSED));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        return code == null ? null : CODES.get(code);
    }
}
