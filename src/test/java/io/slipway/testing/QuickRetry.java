package io.slipway.testing;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The SDK's standard retry (the same retry conditions as production's adaptive one) with millisecond backoff,
 * for tests that inject many faults: {@code config.retryStrategy(() -> QuickRetry.standard(5))}.
 * Production's adaptive retry also slows a client down after a throttle (its measured rate starts at 0, so
 * the first throttle costs about 2 s plus a backoff of up to 1 s): right for AWS, slow for tests.
 */
public final class QuickRetry {

    private QuickRetry() {
    }

    public static RetryStrategy standard(int maxAttempts) {
        BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(2), Duration.ofMillis(20));
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts).backoffStrategy(quick).throttlingBackoffStrategy(quick).build();
    }
}
