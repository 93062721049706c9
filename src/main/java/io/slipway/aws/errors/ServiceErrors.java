package io.slipway.aws.errors;

/** One AWS service's error codes, read as failure reasons. */
public interface ServiceErrors {
    /**
     * The reason for a service error, or null when this table does not know the code (the common codes and the
     * HTTP status decide then).
     *
     * @param code    the service's error code, may be null (S3 answers some 404s without a body)
     * @param message the service's error message, may be null
     * @param status  the HTTP status code
     */
    AwsFailureReason reason(String code, String message, int status);
}
