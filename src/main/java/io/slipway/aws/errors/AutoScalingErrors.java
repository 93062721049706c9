package io.slipway.aws.errors;

import java.util.Locale;
import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TAKEN;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/**
 * Auto Scaling error codes. Auto Scaling says "not found" with a {@code ValidationError} ("AutoScalingGroup name
 * not found", "The specified launch template ... does not exist"): the group or the launch template Slipway has
 * just made, not visible yet.
 */
public final class AutoScalingErrors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("ScalingActivityInProgress", IN_USE),
            Map.entry("ResourceInUse", IN_USE),
            Map.entry("InstanceRefreshInProgress", IN_USE),
            Map.entry("ResourceContention", TRANSIENT),
            Map.entry("AlreadyExists", TAKEN),
            Map.entry("LimitExceeded", REFUSED),
            Map.entry("ServiceLinkedRoleFailure", REFUSED));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        if ("ValidationError".equals(code) && message != null) {
            String m = message.toLowerCase(Locale.ROOT);
            if (m.contains("not found") || m.contains("does not exist")) {
                return NOT_FOUND_YET;
            }
        }
        return code == null ? null : CODES.get(code);
    }
}
