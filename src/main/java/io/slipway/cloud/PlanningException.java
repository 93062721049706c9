package io.slipway.cloud;

/** Live state of a kind could not be read, so no plan could be made. The cause is the cloud's error. */
public final class PlanningException extends RuntimeException {
    private final String kind;

    public PlanningException(String kind, Throwable cause) {
        super("finding " + kind + ": " + cause.getMessage(), cause);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
