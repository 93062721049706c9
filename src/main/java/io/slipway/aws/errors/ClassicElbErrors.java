package io.slipway.aws.errors;

import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/**
 * Classic Elastic Load Balancing error codes. Slipway only reads and deletes classic load balancers (those the
 * cloud-controller-manager made for Services), so most codes mean "not yet" or "try again".
 */
public final class ClassicElbErrors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            // AccessPointNotFoundException
            Map.entry("LoadBalancerNotFound", NOT_FOUND_YET),
            Map.entry("DependencyThrottle", TRANSIENT),
            Map.entry("OperationNotPermitted", REFUSED));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        return code == null ? null : CODES.get(code);
    }
}
