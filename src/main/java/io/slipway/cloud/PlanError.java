package io.slipway.cloud;

/** A resource the plan cannot handle without a human: an immutable change, a missing or mismatching shared resource. */
public record PlanError(String kind, String logicalId, String message) {
    @Override
    public String toString() {
        return kind + " " + logicalId + ": " + message;
    }
}
