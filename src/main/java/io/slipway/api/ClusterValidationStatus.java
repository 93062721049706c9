package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Result of validating the running cluster, as kops validate cluster does. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterValidationStatus {
    @JsonPropertyDescription("When the cluster was last validated, RFC 3339.")
    public String validatedAt;

    @JsonPropertyDescription("True when every check passed.")
    public boolean valid;

    @JsonPropertyDescription("The checks that failed.")
    public List<Failure> failures = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Failure {
        @JsonPropertyDescription("Kind of the object that failed a check, e.g. Node or Pod.")
        public String kind;

        @JsonPropertyDescription("Name of that object.")
        public String name;

        @JsonPropertyDescription("What is wrong with it.")
        public String message;
    }
}
