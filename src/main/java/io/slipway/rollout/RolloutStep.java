package io.slipway.rollout;

import java.util.Optional;

/**
 * The steps of one instance's replacement, in order. Which apply depends on its {@link Path}:
 * <ul>
 *   <li>surge: {@link #DETACH} (from the auto scaling group, desired capacity kept, so the replacement launches
 *   first) → {@link #WAIT_FOR_REPLACEMENTS} (their nodes Ready) → {@link #VALIDATE} (the gate) → drain →
 *   terminate;</li>
 *   <li>no surge (maxUnavailable, and always the control plane): {@link #DRAIN} → for the control plane
 *   {@link #REMOVE_FROM_CONTROL_PLANE} (API target group, etcd member) → {@link #TERMINATE} (inside the auto scaling
 *   group, desired capacity kept, so it launches the replacement) → {@link #WAIT_FOR_TERMINATION};</li>
 *   <li>bastions are not drained.</li>
 * </ul>
 * The next batch then waits for the validation gate, which also waits for the replacements of the no-surge path.
 */
public enum RolloutStep {
    DETACH("Detach"),
    WAIT_FOR_REPLACEMENTS("WaitForReplacements"),
    VALIDATE("Validate"),
    DRAIN("Drain"),
    REMOVE_FROM_CONTROL_PLANE("RemoveFromControlPlane"),
    TERMINATE("Terminate"),
    WAIT_FOR_TERMINATION("WaitForTermination");

    /** How an instance is replaced. */
    public record Path(boolean surge, boolean drain, boolean controlPlane) {
        private boolean includes(RolloutStep step) {
            return switch (step) {
                case DETACH, WAIT_FOR_REPLACEMENTS, VALIDATE -> surge;
                case DRAIN -> drain;
                case REMOVE_FROM_CONTROL_PLANE -> controlPlane;
                case TERMINATE, WAIT_FOR_TERMINATION -> true;
            };
        }
    }

    private final String wireName;

    RolloutStep(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Whether the step makes an AWS call that a restart could repeat (detach, deregistration, termination): an instance
     * entering it is written to status before the call is made, in a later reconcile.
     */
    public boolean callsAws() {
        return this == DETACH || this == REMOVE_FROM_CONTROL_PLANE || this == TERMINATE;
    }

    /** The step an instance starts with. */
    public static RolloutStep first(Path path) {
        return next(null, path).orElseThrow();
    }

    /** The step after {@code step} (null: before the first) on {@code path}; empty when the instance is replaced. */
    public static Optional<RolloutStep> next(RolloutStep step, Path path) {
        for (int i = step == null ? 0 : step.ordinal() + 1; i < values().length; i++) {
            if (path.includes(values()[i])) {
                return Optional.of(values()[i]);
            }
        }
        return Optional.empty();
    }

    /** The step named {@code name} in status; empty for an unknown name. */
    public static Optional<RolloutStep> fromWireName(String name) {
        for (RolloutStep s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
