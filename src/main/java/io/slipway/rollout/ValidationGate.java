package io.slipway.rollout;

import java.time.Duration;
import java.time.Instant;

/**
 * The validation gate before the next instances: cluster validation must pass {@value #PASSES_NEEDED} times in a row,
 * in separate reconciles, within validationTimeout of the gate's start; otherwise the roll is stalled. Pure: the
 * caller keeps {@code passes} and {@code since} in status.
 */
public final class ValidationGate {
    public static final int PASSES_NEEDED = 2;

    /** The gate after one validation. */
    public record Outcome(State state, int passes, Instant since) {
    }

    public enum State {
        /** Passed often enough: go on (the counters start again at the next gate). */
        OPEN,
        /** Not yet: validate again in a later reconcile. */
        WAITING,
        /** Validation has failed for longer than the timeout. */
        TIMED_OUT
    }

    private ValidationGate() {
    }

    /**
     * @param passes  passes in a row before this validation
     * @param since   when the gate started waiting; null if it has not yet
     */
    public static Outcome after(boolean valid, int passes, Instant since, Instant now, Duration timeout) {
        Instant start = since == null ? now : since;
        if (valid) {
            int next = passes + 1;
            return next >= PASSES_NEEDED ? new Outcome(State.OPEN, 0, null) : new Outcome(State.WAITING, next, start);
        }
        boolean late = Duration.between(start, now).compareTo(timeout) > 0;
        return new Outcome(late ? State.TIMED_OUT : State.WAITING, 0, start);
    }
}
