package io.slipway.cloud;

/** How a failed cloud call should be handled. */
public enum FailureClass {
    /** Try again later: throttling, server errors, lost responses, dependencies still in use. */
    RETRYABLE,
    /** Will not succeed without a human: access denied, invalid request, quota, refused change. */
    FATAL
}
