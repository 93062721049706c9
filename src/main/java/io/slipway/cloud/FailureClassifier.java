package io.slipway.cloud;

/** Tells retryable failures from fatal ones; the cloud implementation knows its error codes. */
@FunctionalInterface
public interface FailureClassifier {
    FailureClass classify(Throwable failure);

    /** A short message fit for status and events (no secrets, no stack traces). */
    default String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
