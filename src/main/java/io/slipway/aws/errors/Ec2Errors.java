package io.slipway.aws.errors;

import java.util.Map;
import java.util.Set;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.MISSING_INPUT;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.TAKEN;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/**
 * EC2 error codes. EC2 is eventually consistent, so a {@code *.NotFound} of what Slipway made is "not yet"; the
 * exceptions are the ids only a user names (an AMI, a key pair), which never appear by waiting.
 */
public final class Ec2Errors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("DependencyViolation", IN_USE),
            Map.entry("InvalidIPAddress.InUse", IN_USE),
            Map.entry("Resource.AlreadyAssociated", IN_USE),
            Map.entry("IncorrectState", IN_USE),
            Map.entry("IncorrectInstanceState", IN_USE),
            Map.entry("InvalidNetworkInterface.InUse", IN_USE),
            Map.entry("InvalidGroup.InUse", IN_USE),
            // a volume the CSI driver made, still attached to an instance that is going away
            Map.entry("VolumeInUse", IN_USE),
            Map.entry("IdempotentParameterMismatch", TRANSIENT),
            Map.entry("InsufficientInstanceCapacity", TRANSIENT),
            Map.entry("InsufficientFreeAddressesInSubnet", TRANSIENT),
            Map.entry("InvalidAMIID.NotFound", MISSING_INPUT),
            Map.entry("InvalidAMIID.Unavailable", MISSING_INPUT),
            Map.entry("InvalidAMIID.Malformed", MISSING_INPUT),
            Map.entry("InvalidKeyPair.NotFound", MISSING_INPUT),
            Map.entry("InvalidSnapshot.NotFound", MISSING_INPUT),
            Map.entry("InvalidPlacementGroup.Unknown", MISSING_INPUT),
            // a launch template name is unique in the account and region: another one of that name is not ours
            Map.entry("InvalidLaunchTemplateName.AlreadyExistsException", TAKEN),
            Map.entry("InvalidLaunchTemplateName.NotFoundException", NOT_FOUND_YET));

    /** Codes that end in NotFound but name what only a user gives, so waiting never helps. */
    private static final Set<String> NEVER_APPEARS = Set.of("InvalidAMIID.NotFound", "InvalidKeyPair.NotFound",
            "InvalidSnapshot.NotFound");

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        if (code == null) {
            return null;
        }
        AwsFailureReason known = CODES.get(code);
        if (known != null) {
            return known;
        }
        if (code.endsWith("NotFound") && !NEVER_APPEARS.contains(code)) {
            return NOT_FOUND_YET;
        }
        // an instance profile IAM has just made is not yet known to EC2 (RunInstances, CreateLaunchTemplate)
        if ("InvalidParameterValue".equals(code) && message != null
                && message.toLowerCase(java.util.Locale.ROOT).contains("instance profile")) {
            return NOT_FOUND_YET;
        }
        return null;
    }
}
