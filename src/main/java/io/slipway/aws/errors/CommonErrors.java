package io.slipway.aws.errors;

import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/** Error codes every AWS service may answer (the AWS "common errors"), asked after the service's own table. */
public final class CommonErrors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("Throttling", TRANSIENT),
            Map.entry("ThrottlingException", TRANSIENT),
            Map.entry("ThrottledException", TRANSIENT),
            Map.entry("RequestLimitExceeded", TRANSIENT),
            Map.entry("TooManyRequestsException", TRANSIENT),
            Map.entry("RequestThrottled", TRANSIENT),
            Map.entry("RequestThrottledException", TRANSIENT),
            Map.entry("SlowDown", TRANSIENT),
            Map.entry("InternalError", TRANSIENT),
            Map.entry("InternalFailure", TRANSIENT),
            Map.entry("ServiceUnavailable", TRANSIENT),
            Map.entry("Unavailable", TRANSIENT),
            Map.entry("RequestTimeout", TRANSIENT),
            Map.entry("RequestTimeoutException", TRANSIENT),
            Map.entry("RequestExpired", TRANSIENT),
            // credentials of an assumed role that expired between refreshes: the provider refreshes them
            Map.entry("ExpiredToken", TRANSIENT),
            Map.entry("ExpiredTokenException", TRANSIENT),
            Map.entry("AccessDenied", REFUSED),
            Map.entry("AccessDeniedException", REFUSED),
            Map.entry("UnauthorizedOperation", REFUSED),
            Map.entry("AuthFailure", REFUSED),
            Map.entry("InvalidClientTokenId", REFUSED),
            Map.entry("SignatureDoesNotMatch", REFUSED),
            Map.entry("OptInRequired", REFUSED),
            Map.entry("ValidationError", REFUSED),
            Map.entry("InvalidParameterValue", REFUSED),
            Map.entry("InvalidParameterCombination", REFUSED),
            Map.entry("MissingParameter", REFUSED));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        return code == null ? null : CODES.get(code);
    }
}
