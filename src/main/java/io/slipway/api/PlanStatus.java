package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** The changes between desired and live state, as last computed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlanStatus {
    @JsonPropertyDescription("e.g. \"3 to create, 1 to update, 0 to delete\"")
    public String summary;
    public int toCreate;
    public int toUpdate;
    public int toDelete;
    public Long observedGeneration;
    /** Identifies the changes listed; applying after plan-only applies this plan if live state did not move. */
    public String fingerprint;
    /** RFC 3339 time at which the plan was computed. */
    public String computedAt;
    @JsonPropertyDescription("True when the plan was applied; false in plan-only mode or while paused.")
    public boolean applied;
    public List<PlannedChange> changes = new ArrayList<>();
    @JsonPropertyDescription("Changes left out of the list above to keep status small.")
    public int omittedChanges;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PlannedChange {
        public String kind;
        public String id;
        public String action;
        public List<String> fields = new ArrayList<>();
    }
}
