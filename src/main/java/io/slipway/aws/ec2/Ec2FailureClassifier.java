package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.FailureClass;
import io.slipway.cloud.FailureClassifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;

/**
 * Classifies EC2 failures. Retryable: throttling, 5xx, lost connections, resources still in use or not yet
 * visible (EC2 is eventually consistent). Fatal: access, quota and request errors, which need a human.
 */
public final class Ec2FailureClassifier implements FailureClassifier {
    private static final Set<String> RETRYABLE_CODES = Set.of(
            "DependencyViolation", "InvalidIPAddress.InUse", "Resource.AlreadyAssociated", "IncorrectState",
            "InvalidNetworkInterface.InUse", "InvalidGroup.InUse", "RequestLimitExceeded", "Throttling",
            "ThrottlingException", "InternalError", "InternalFailure", "Unavailable", "ServiceUnavailable",
            "RequestExpired", "IdempotentParameterMismatch");

    @Override
    public FailureClass classify(Throwable failure) {
        if (failure instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            if (aws.isThrottlingException() || aws.statusCode() >= 500) {
                return FailureClass.RETRYABLE;
            }
            if (code != null && (RETRYABLE_CODES.contains(code) || code.endsWith(".NotFound")
                    || code.endsWith("NotFound"))) {
                return FailureClass.RETRYABLE;
            }
            return FailureClass.FATAL;
        }
        if (failure instanceof SdkClientException || failure instanceof IllegalStateException) {
            return FailureClass.RETRYABLE;
        }
        return FailureClass.FATAL;
    }

    @Override
    public String describe(Throwable failure) {
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        return FailureClassifier.super.describe(failure);
    }

    static String code(Throwable failure) {
        return AwsCalls.code(failure);
    }

    /** Runs a call, taking the given error codes as success (e.g. deleting what is already gone). */
    static void ignoring(Runnable call, String... codes) {
        AwsCalls.ignoring(call, codes);
    }

    static boolean hasCode(Throwable failure, String... codes) {
        return AwsCalls.hasCode(failure, codes);
    }
}
