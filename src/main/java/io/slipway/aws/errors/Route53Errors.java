package io.slipway.aws.errors;

import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.MISSING_INPUT;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/**
 * Route 53 error codes. The hosted zone is the user's ({@code dnsZone}), so a missing one stalls. A change batch
 * is refused as a whole ({@code InvalidChangeBatch}) when a record it creates exists already or one it deletes
 * is gone; the record kinds read before they write, so one that gets here needs a look.
 */
public final class Route53Errors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("NoSuchHostedZone", MISSING_INPUT),
            Map.entry("HostedZoneNotFound", MISSING_INPUT),
            Map.entry("NoSuchChange", NOT_FOUND_YET),
            Map.entry("PriorRequestNotComplete", IN_USE),
            Map.entry("HostedZoneNotEmpty", IN_USE),
            Map.entry("ConcurrentModification", IN_USE),
            Map.entry("ThrottlingException", TRANSIENT),
            Map.entry("InvalidChangeBatch", REFUSED),
            Map.entry("InvalidInput", REFUSED),
            Map.entry("InvalidDomainName", REFUSED),
            Map.entry("TooManyHostedZones", REFUSED));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        return code == null ? null : CODES.get(code);
    }
}
