package io.slipway.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Small helpers for AWS calls of any service. */
public final class AwsCalls {
    private AwsCalls() {
    }

    /** The service's error code of a failure, or null when it is not a service error. */
    public static String code(Throwable failure) {
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return null;
    }

    public static boolean hasCode(Throwable failure, String... codes) {
        String code = code(failure);
        for (String candidate : codes) {
            if (candidate.equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** Runs a call, taking the given error codes as success (e.g. deleting what is already gone). */
    public static void ignoring(Runnable call, String... codes) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!hasCode(e, codes)) {
                throw e;
            }
        }
    }
}
