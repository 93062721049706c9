package io.slipway.workload.addons;

/** A chart could not be fetched from its repository; the message says which repository, chart and version, and why. */
public class ChartFetchException extends RuntimeException {
    public ChartFetchException(String message) {
        super(message);
    }

    public ChartFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
