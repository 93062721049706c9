package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A status condition as the Kubernetes API conventions define it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    public String type;
    public String status;
    public String reason;
    public String message;
    /** RFC 3339; changes only when status changes. */
    public String lastTransitionTime;
    public Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    /** Not a field: without @JsonIgnore Jackson writes it as "true", and the CRD generator puts it in the schema. */
    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }
}
