package io.slipway.cloud;

/** Progress of an apply, called from the executor's threads as changes start and finish. */
public interface ApplyListener {
    ApplyListener NONE = new ApplyListener() {
    };

    default void started(Change change) {
    }

    default void finished(ChangeOutcome outcome) {
    }
}
