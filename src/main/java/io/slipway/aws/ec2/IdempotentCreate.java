package io.slipway.aws.ec2;

import io.slipway.aws.AwsFailureClassifier;
import io.slipway.cloud.FailureClass;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an EC2 create call that has no idempotency of its own without letting a lost response turn into a
 * duplicate. The SDK must not retry the call by itself (its retry would create a second object when the first
 * attempt succeeded but its answer was lost), so the call goes out with retries off; after an ambiguous
 * failure we look for the object by its ownership tags, which the create call carried, and only create again
 * when it is not there.
 */
final class IdempotentCreate {
    /** Per-request override: no SDK retries for this call. */
    static final AwsRequestOverrideConfiguration NO_SDK_RETRY = AwsRequestOverrideConfiguration.builder()
            .addPlugin(config -> config.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())))
            .build();

    private static final int ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final AwsFailureClassifier CLASSIFIER = new AwsFailureClassifier();

    private IdempotentCreate() {
    }

    static <T> T run(Supplier<T> create, Supplier<Optional<T>> findExisting) {
        SdkException last = null;
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return create.get();
            } catch (SdkException e) {
                if (CLASSIFIER.classify(e) != FailureClass.RETRYABLE) {
                    throw e;
                }
                last = e;
            }
            sleep(backoff);
            backoff *= 2;
            if (mayHaveHappened(last)) {
                Optional<T> existing = findExisting.get();
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
        }
        throw last;
    }

    /** A throttled request was refused before anything happened; any other failure is ambiguous. */
    private static boolean mayHaveHappened(SdkException failure) {
        return !(failure instanceof AwsServiceException aws && aws.isThrottlingException());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
