package io.slipway.workload.addons;

/** A chart could not be rendered into Kubernetes objects. */
public class ChartRenderException extends RuntimeException {
    public ChartRenderException(String message) {
        super(message);
    }

    public ChartRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
