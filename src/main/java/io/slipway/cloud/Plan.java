package io.slipway.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable outcome of planning: one {@link Change} per desired resource (action NONE when it is in sync)
 * plus one DELETE per owned live resource that is not desired (left over, or a duplicate), and the errors
 * that need a human. Apply it soon: it holds the live state it was computed from.
 */
public final class Plan {
    private final Owner owner;
    private final String graphFingerprint;
    private final List<Step> steps;
    private final List<PlanError> errors;
    private final Map<String, LiveResource<?>> live;
    private final Kinds kinds;
    private final ReadShare readShare;
    private final java.time.Instant readAt;

    Plan(Owner owner, String graphFingerprint, List<Step> steps, List<PlanError> errors,
         Map<String, LiveResource<?>> live, Kinds kinds) {
        this(owner, graphFingerprint, steps, errors, live, kinds, null, null);
    }

    /** {@code readAt}: when the plan began to read through {@code readShare}. */
    Plan(Owner owner, String graphFingerprint, List<Step> steps, List<PlanError> errors,
         Map<String, LiveResource<?>> live, Kinds kinds, ReadShare readShare, java.time.Instant readAt) {
        this.readShare = readShare;
        this.readAt = readAt;
        this.owner = owner;
        this.graphFingerprint = graphFingerprint;
        this.steps = List.copyOf(steps);
        this.errors = List.copyOf(errors);
        this.live = Map.copyOf(live);
        this.kinds = kinds;
    }

    /** The share the plan read through, which applying it must invalidate; null when it read on its own. */
    ReadShare readShare() {
        return readShare;
    }

    /** When the plan began to read through its share (null without one). */
    java.time.Instant readAt() {
        return readAt;
    }

    public Owner owner() {
        return owner;
    }

    /** Fingerprint of the desired graph this plan was made for. */
    public String graphFingerprint() {
        return graphFingerprint;
    }

    /** Every entry, NONE included: desired resources in dependency order, then deletes. */
    public List<Change> changes() {
        return steps.stream().map(Step::change).toList();
    }

    /** Only the entries that do something. */
    public List<Change> pending() {
        return steps.stream().map(Step::change).filter(c -> c.action() != Action.NONE).toList();
    }

    public List<PlanError> errors() {
        return errors;
    }

    /** True when applying would change nothing and nothing is in error: the live state is converged. */
    public boolean isConverged() {
        return pending().isEmpty() && errors.isEmpty();
    }

    public PlanSummary summary() {
        PlanSummary counts = PlanSummary.of(steps.stream().map(Step::change).toList());
        return new PlanSummary(counts.toCreate(), counts.toUpdate(), counts.toDelete(), counts.unchanged(), errors.size());
    }

    /** Live state of the desired resources found when planning (not of deletes). */
    public List<ResourceState> resources() {
        List<ResourceState> result = new ArrayList<>();
        for (Step step : steps) {
            LiveResource<?> resource = live.get(step.change().logicalId());
            if (step.change().action() != Action.DELETE && resource != null) {
                result.add(Views.state(kinds, resource));
            }
        }
        return result;
    }

    public Optional<ResourceState> resource(String logicalId) {
        return Optional.ofNullable(live.get(logicalId)).map(r -> Views.state(kinds, r));
    }

    /**
     * A stable hash of what this plan would do. Equal fingerprints of two plans mean the same changes, so a
     * caller can apply "exactly the plan it published" by re-planning and comparing.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            pending().stream().map(Change::toString).sorted()
                    .forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            pending().stream().flatMap(c -> c.fields().stream().map(f -> c.key() + " " + f)).sorted()
                    .forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            errors.stream().map(PlanError::toString).sorted()
                    .forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Step> steps() {
        return steps;
    }

    Map<String, LiveResource<?>> live() {
        return live;
    }

    Kinds kinds() {
        return kinds;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(summary().describe());
        pending().forEach(c -> text.append("\n  ").append(c));
        errors.forEach(e -> text.append("\n  error: ").append(e));
        return text.toString();
    }
}
