package io.slipway.aws.errors;

import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/** STS error codes, from assuming a Cluster's role: a role that cannot be assumed needs a human. */
public final class StsErrors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("IDPCommunicationError", TRANSIENT),
            Map.entry("RegionDisabledException", REFUSED),
            Map.entry("MalformedPolicyDocument", REFUSED),
            Map.entry("PackedPolicyTooLarge", REFUSED),
            Map.entry("InvalidIdentityToken", REFUSED),
            Map.entry("IDPRejectedClaim", REFUSED));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        return code == null ? null : CODES.get(code);
    }
}
