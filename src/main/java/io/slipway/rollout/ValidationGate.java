package io.slipway.rollout;

import java.time.Duration;
import java.time.Instant;

/**
 * The validation gate before the next instances: cluster validation must pass {@value #PASSES_NEEDED} times in a row,
 * in separate reconciles, the second beginning to read the cluster at least {@link #DEFAULT_INTERVAL} after the first
 * had read it, within validationTimeout of the gate's start;
 * otherwise the roll is stalled. There is no gate of fewer passes: before every batch (the first too) and before
 * every drain it takes two. Pure: the caller keeps {@code passes}, {@code since} and {@code lastPass} in status.
 */
public final class ValidationGate {
    public static final int PASSES_NEEDED = 2;

    /**
     * The least time between two passes that count (kops validates {@code --validate-count} 2 times, 10 s apart, because
     * it samples blindly). The second pass is there to see the cluster stay valid, not valid at one instant. Here each
     * pass is a full validation of live state (a fresh read of the Nodes and kube-system pods), and the gate does not
     * sample blindly: every change of a workload Node (NotReady, gone, cordoned) wakes the roll at once, and any
     * validation that fails inside the interval starts the count again. So the interval only has to make the two passes
     * two separate observations of the cluster, a reconcile apart; what it can still miss is an unwatched flap (a
     * kube-system pod) shorter than it, which a longer interval would only sample, not rule out.
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

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
        return after(valid, passes, since, lastPass, now, now, timeout, interval);
    }

    /**
     * As {@link #after(boolean, int, Instant, Instant, Instant, Duration, Duration)} for a validation that took time to
     * read the cluster, so that the interval holds between what two passes saw, not between when their reconciles
     * began: a pass counts only if the validation began reading at least {@code interval} after the last pass that
     * counted had finished reading, and it is recorded as of when it finished.
     *
     * @param looked when this validation began to read the cluster
     * @param seen   when it had read it
     */
    public static Outcome after(boolean valid, int passes, Instant since, Instant lastPass, Instant looked, Instant seen,
                                Duration timeout, Duration interval) {
        Instant start = since == null ? looked : since;
        if (valid) {
            if (passes > 0 && lastPass != null && looked.isBefore(lastPass.plus(interval))) {
                return new Outcome(State.WAITING, passes, start, lastPass);
            }
            int next = passes + 1;
            return next >= PASSES_NEEDED ? new Outcome(State.OPEN, 0, null, null)
                    : new Outcome(State.WAITING, next, start, seen);
        }
        boolean late = Duration.between(start, seen).compareTo(timeout) > 0;
        return new Outcome(late ? State.TIMED_OUT : State.WAITING, 0, start, null);
    }
}
