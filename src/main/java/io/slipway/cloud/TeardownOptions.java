package io.slipway.cloud;

import java.time.Duration;

/**
 * How hard one {@link Teardown#deleteAllOwned} call tries before returning what remains: up to
 * {@code rounds} find-and-delete rounds while only retryable failures are left, sleeping {@code backoff},
 * doubled each round, in between. Keep it short: a reconcile thread waits; the caller requeues for the rest.
 */
public record TeardownOptions(int rounds, Duration backoff) {
    public static final TeardownOptions DEFAULT = new TeardownOptions(3, Duration.ofMillis(500));

    public TeardownOptions {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
    }
}
