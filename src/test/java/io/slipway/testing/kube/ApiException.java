package io.slipway.testing.kube;

/** An API error answered as a {@code Status} object, like the API server does. */
final class ApiException extends RuntimeException {
    final int code;
    final String reason;

    ApiException(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }
}
