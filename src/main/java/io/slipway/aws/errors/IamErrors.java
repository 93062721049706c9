package io.slipway.aws.errors;

import java.util.Locale;
import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.MISSING_INPUT;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TAKEN;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/**
 * IAM error codes. {@code NoSuchEntity} means two things: a role or profile Slipway has just made is not visible
 * yet (IAM is eventually consistent), or a managed policy the spec names (the permissions boundary, an additional
 * policy) does not exist; IAM says the latter with "... does not exist or is not attachable" (or "Scope ARN").
 */
public final class IamErrors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("DeleteConflict", IN_USE),
            Map.entry("ConcurrentModification", IN_USE),
            Map.entry("ServiceFailure", TRANSIENT),
            Map.entry("EntityTemporarilyUnmodifiable", TRANSIENT),
            // the kinds adopt a name that carries their marks; one that gets here is someone else's
            Map.entry("EntityAlreadyExists", TAKEN),
            Map.entry("LimitExceeded", REFUSED),
            Map.entry("MalformedPolicyDocument", REFUSED),
            Map.entry("InvalidInput", REFUSED),
            Map.entry("UnmodifiableEntity", REFUSED),
            Map.entry("PolicyNotAttachable", MISSING_INPUT));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        if ("NoSuchEntity".equals(code)) {
            return namesMissingPolicy(message) ? MISSING_INPUT : NOT_FOUND_YET;
        }
        return code == null ? null : CODES.get(code);
    }

    private static boolean namesMissingPolicy(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("not attachable") || m.contains("scope arn") || m.contains("boundary");
    }
}
