package io.slipway.aws.s3;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 error for a bucket name Slipway derived that someone else already has. Bucket names are global across
 * all accounts and S3 never says who holds one, so no retry can help: a human must pick another name (another
 * namespace or cluster name, or a state-store bucket). Raised with S3's own code {@value #CODE}, so it is
 * classified exactly like the {@code CreateBucket} answer it stands for.
 */
final class BucketNameTaken {
    static final String CODE = "BucketAlreadyExists";

    private BucketNameTaken() {
    }

    /** {@code holder} says what is known about who has it, e.g. "another AWS account (which one is not known)". */
    static S3Exception exception(String bucket, String holder, Throwable cause) {
        String message = "the S3 bucket name " + bucket + " is already taken by " + holder
                + "; bucket names are global across all AWS accounts: rename the Cluster or its namespace, or "
                + "configure a state-store bucket (slipway.state-store.bucket)";
        return (S3Exception) S3Exception.builder().statusCode(409).message(message).cause(cause)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").errorCode(CODE).errorMessage(message)
                        .build())
                .build();
    }
}
