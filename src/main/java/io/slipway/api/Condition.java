package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A status condition as the Kubernetes API conventions define it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    @JsonPropertyDescription("Type of the condition, e.g. Ready, Reconciling, Stalled or SpecValid.")
    public String type;

    @JsonPropertyDescription("True, False or Unknown.")
    public String status;

    @JsonPropertyDescription("One CamelCase word saying why the condition has its status.")
    public String reason;

    @JsonPropertyDescription("Details for humans; names the field or the AWS error, never a secret.")
    public String message;

    @JsonPropertyDescription("When status last changed, RFC 3339.")
    public String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation the condition was set for.")
    public Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    @JsonIgnore // a helper, not a field: without it the CRD schema and the status carry a "true" property
    public boolean isTrue() {
        return TRUE.equals(status);
    }

    /** For test failures and logs: {@code Type=Status (Reason): message}. */
    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + "): " + message;
    }
}
