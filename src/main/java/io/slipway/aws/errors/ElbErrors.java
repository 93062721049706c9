package io.slipway.aws.errors;

import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.MISSING_INPUT;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TAKEN;

/**
 * Elastic Load Balancing v2 error codes. The load balancer, target groups and listeners are Slipway's and may be
 * not visible yet; security groups, subnets and certificates ELB cannot find are inputs (additional security
 * groups, bring-your-own subnets, a certificate ARN), and the network's own are found before ELB sees them.
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
            Map.entry("SubnetNotFound", MISSING_INPUT),
            Map.entry("InvalidSubnet", MISSING_INPUT),
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
