package io.slipway.controller;

import io.slipway.api.Condition;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Sets conditions on a status' condition list following the Kubernetes API conventions: one entry per type,
 * lastTransitionTime moves only when the status value changes.
 */
public final class Conditions {
    private final List<Condition> conditions;
    private final long generation;
    private final Clock clock;

    public Conditions(List<Condition> conditions, long generation, Clock clock) {
        this.conditions = conditions;
        this.generation = generation;
        this.clock = clock;
    }

    public Conditions set(String type, boolean status, String reason, String message) {
        return set(type, status ? Condition.TRUE : Condition.FALSE, reason, message);
    }

    public Conditions set(String type, String status, String reason, String message) {
        Condition existing = get(conditions, type).orElse(null);
        if (existing == null) {
            existing = new Condition(type, status, reason, message);
            existing.lastTransitionTime = now();
            conditions.add(existing);
        } else if (!status.equals(existing.status)) {
            existing.lastTransitionTime = now();
        }
        existing.status = status;
        existing.reason = reason;
        existing.message = message == null ? "" : message;
        existing.observedGeneration = generation;
        return this;
    }

    public Conditions remove(String type) {
        conditions.removeIf(c -> type.equals(c.type));
        return this;
    }

    public static Optional<Condition> get(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.type)).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return get(conditions, type).map(Condition::isTrue).orElse(false);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
