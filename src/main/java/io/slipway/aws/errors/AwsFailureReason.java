package io.slipway.aws.errors;

import io.slipway.cloud.FailureClass;

/** Why an AWS call failed, as far as what to do next is concerned. */
public enum AwsFailureReason {
    /** Throttling, a server error, a lost connection: the same call may succeed later. */
    TRANSIENT(FailureClass.RETRYABLE, null),
    /** Something Slipway made or is making is not visible yet (AWS is eventually consistent). */
    NOT_FOUND_YET(FailureClass.RETRYABLE, null),
    /** The resource is still used by another (a dependency not deleted yet, an operation in progress). */
    IN_USE(FailureClass.RETRYABLE, null),
    /** The input names something that does not exist (an AMI, a key pair, a boundary policy, a hosted zone). */
    MISSING_INPUT(FailureClass.FATAL, "the spec or its inputs name something that does not exist"),
    /** A name the input asks for is taken by someone else (an S3 bucket name, an IAM role name). */
    TAKEN(FailureClass.FATAL, "a name Slipway needs is already taken by a resource that is not this cluster's"),
    /** Access denied, a quota, an invalid request: needs a human. */
    REFUSED(FailureClass.FATAL, null);

    private final FailureClass failureClass;
    private final String explanation;

    AwsFailureReason(FailureClass failureClass, String explanation) {
        this.failureClass = failureClass;
        this.explanation = explanation;
    }

    public FailureClass failureClass() {
        return failureClass;
    }

    /** A sentence for status saying what the failure means, or null when the error code says enough. */
    public String explanation() {
        return explanation;
    }
}
