package io.slipway.aws.errors;

import java.util.Map;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TAKEN;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;

/**
 * S3 error codes. Bucket names are global across all accounts: {@code BucketAlreadyExists} is someone else's
 * bucket and never goes away by waiting. {@code BucketAlreadyOwnedByYou} is this account's: a create whose
 * answer was lost; the next find adopts it when it carries the cluster's marks.
 */
public final class S3Errors implements ServiceErrors {
    private static final Map<String, AwsFailureReason> CODES = Map.ofEntries(
            Map.entry("BucketAlreadyExists", TAKEN),
            Map.entry("BucketAlreadyOwnedByYou", TRANSIENT),
            Map.entry("NoSuchBucket", NOT_FOUND_YET),
            Map.entry("NoSuchKey", NOT_FOUND_YET),
            Map.entry("NoSuchVersion", NOT_FOUND_YET),
            Map.entry("NoSuchTagSet", NOT_FOUND_YET),
            Map.entry("BucketNotEmpty", IN_USE),
            Map.entry("OperationAborted", IN_USE),
            Map.entry("InvalidBucketName", REFUSED),
            Map.entry("TooManyBuckets", REFUSED),
            Map.entry("IllegalLocationConstraintException", REFUSED),
            Map.entry("InvalidBucketState", IN_USE));

    @Override
    public AwsFailureReason reason(String code, String message, int status) {
        if (code == null) {
            // HEAD requests have no body, so no code: a 404 is a bucket or key not there (yet)
            return status == 404 ? NOT_FOUND_YET : null;
        }
        return CODES.get(code);
    }
}
