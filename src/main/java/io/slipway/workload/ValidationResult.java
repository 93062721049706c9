package io.slipway.workload;

import io.slipway.api.ClusterValidationStatus;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one validation: the first failures found (at most the validator's cap) and how many more there were.
 * {@link #reason()} and {@link #message()} are for the {@code ClusterValidated} condition.
 *
 * @param reachable false when the API could not be asked at all; the one failure then says why
 */
public record ValidationResult(List<ValidationFailure> failures, int omitted, boolean reachable) {
    public static final String REASON_VALIDATED = "Validated";
    public static final String REASON_FAILED = "ValidationFailed";
    public static final String REASON_UNREACHABLE = "APIUnreachable";

    public ValidationResult {
        failures = List.copyOf(failures);
        if (omitted < 0) {
            throw new IllegalArgumentException("omitted must not be negative");
        }
    }

    public boolean valid() {
        return reachable && failures.isEmpty();
    }

    public String reason() {
        return !reachable ? REASON_UNREACHABLE : valid() ? REASON_VALIDATED : REASON_FAILED;
    }

    /** All failures on one line, with "and N more" past the cap; "the cluster is valid" when there are none. */
    public String message() {
        if (valid()) {
            return "the cluster is valid";
        }
        StringBuilder text = new StringBuilder();
        for (ValidationFailure f : failures) {
            text.append(text.isEmpty() ? "" : "; ").append(f.message());
        }
        if (omitted > 0) {
            text.append("; and ").append(omitted).append(" more");
        }
        return text.toString();
    }

    /** For status.validation: the failures within the cap, and a last entry saying how many more there were. */
    public ClusterValidationStatus toStatus(Instant validatedAt) {
        ClusterValidationStatus status = new ClusterValidationStatus();
        status.validatedAt = validatedAt.toString();
        status.valid = valid();
        for (ValidationFailure f : failures) {
            status.failures.add(failure(f.kind(), f.name(), f.message()));
        }
        if (omitted > 0) {
            status.failures.add(failure(null, null, "and " + omitted + " more"));
        }
        return status;
    }

    private static ClusterValidationStatus.Failure failure(String kind, String name, String message) {
        ClusterValidationStatus.Failure failure = new ClusterValidationStatus.Failure();
        failure.kind = kind;
        failure.name = name;
        failure.message = message;
        return failure;
    }
}
