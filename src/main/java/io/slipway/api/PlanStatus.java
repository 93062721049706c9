package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** The changes between desired and live state, as last computed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanStatus {
    @JsonPropertyDescription("The counts in words, e.g. \"3 to create, 1 to update, 0 to delete\".")
    public String summary;

    @JsonPropertyDescription("AWS resources to create.")
    public int toCreate;

    @JsonPropertyDescription("AWS resources to update in place.")
    public int toUpdate;

    @JsonPropertyDescription("AWS resources to delete.")
    public int toDelete;

    @JsonPropertyDescription("The metadata.generation the plan was computed for.")
    public Long observedGeneration;

    @JsonPropertyDescription("Identifies the changes listed; leaving plan-only applies this plan if AWS did not change meanwhile.")
    public String fingerprint;

    @JsonPropertyDescription("When the plan was computed, RFC 3339.")
    public String computedAt;

    @JsonPropertyDescription("True when the plan was applied; false in plan-only mode or while paused.")
    public boolean applied;

    @JsonPropertyDescription("The changes, at most SLIPWAY_RECONCILE_MAX_PLAN_CHANGES (default 50) of them.")
    public List<PlannedChange> changes = new ArrayList<>();

    @JsonPropertyDescription("Changes left out of changes to keep status small.")
    public int omittedChanges;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PlannedChange {
        @JsonPropertyDescription("Kind of AWS resource, e.g. Subnet or NatGateway.")
        public String kind;

        @JsonPropertyDescription("Logical id of the resource, stable across reconciles, e.g. subnet/private-eu-west-1a.")
        public String id;

        @JsonPropertyDescription("create, update or delete.")
        public String action;

        @JsonPropertyDescription("For an update, the fields that differ; otherwise why the change is needed, if known.")
        public List<String> fields = new ArrayList<>();
    }
}
