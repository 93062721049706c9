package io.slipway.rollout;

import java.time.Duration;
import java.time.Instant;

/**
 * The validation gate before the next instances: cluster validation must pass {@value #PASSES_NEEDED} times in a row,
 * in separate reconciles at least {@link #DEFAULT_INTERVAL} apart, within validationTimeout of the gate's start;
 * otherwise the roll is stalled. Pure: the caller keeps {@code passes}, {@code since} and {@code lastPass} in status.
 */
public final class ValidationGate {
    public static final int PASSES_NEEDED = 2;

    /**
     * The least time between two passes that count (kops validates {@code --validate-count} 2 times, 10 s apart). The
     * second pass is there to see the cluster stay valid, not valid at one instant; a short interval is enough here
     * because the gate does not sample blindly: every change of a workload Node (NotReady, gone) wakes the roll, and
     * any validation that fails inside the interval starts the count again. What the interval still catches is a
     * component that flaps faster than Nodes change (a static pod restarting), which takes seconds to show.
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    /**
     * The gate after one validation.
     *
     * @param lastPass when the last pass that counted was; null once the gate is open or a validation failed
     */
    public record Outcome(State state, int passes, Instant since, Instant lastPass) {
        /** How long until a further pass would count (zero if it would now). */
        public Duration untilNextPass(Instant now, Duration interval) {
            if (lastPass == null) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(now, lastPass.plus(interval));
            return left.isNegative() ? Duration.ZERO : left;
        }
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

    /** {@link #after(boolean, int, Instant, Instant, Instant, Duration, Duration)} with passes counted at any interval. */
    public static Outcome after(boolean valid, int passes, Instant since, Instant now, Duration timeout) {
        return after(valid, passes, since, null, now, timeout, Duration.ZERO);
    }

    /**
     * @param passes   passes in a row before this validation
     * @param since    when the gate started waiting; null if it has not yet
     * @param lastPass when the last pass that counted was; null if none
     * @param interval the least time between two passes that count: a pass sooner than that is not counted (nor lost)
     */
    public static Outcome after(boolean valid, int passes, Instant since, Instant lastPass, Instant now, Duration timeout,
                                Duration interval) {
        return after(valid, passes, since, lastPass, now, timeout, interval, PASSES_NEEDED);
    }

    /**
     * As {@link #after(boolean, int, Instant, Instant, Instant, Duration, Duration)}, open after {@code passesNeeded}
     * passes in a row (at least 1).
     */
    public static Outcome after(boolean valid, int passes, Instant since, Instant lastPass, Instant now, Duration timeout,
                                Duration interval, int passesNeeded) {
        Instant start = since == null ? now : since;
        if (valid) {
            if (passes > 0 && lastPass != null && now.isBefore(lastPass.plus(interval))) {
                return new Outcome(State.WAITING, passes, start, lastPass);
            }
            int next = passes + 1;
            return next >= Math.max(1, passesNeeded) ? new Outcome(State.OPEN, 0, null, null)
                    : new Outcome(State.WAITING, next, start, now);
        }
        boolean late = Duration.between(start, now).compareTo(timeout) > 0;
        return new Outcome(late ? State.TIMED_OUT : State.WAITING, 0, start, null);
    }
}
