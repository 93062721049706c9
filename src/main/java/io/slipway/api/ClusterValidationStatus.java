package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/** Result of validating the running cluster, as kops validate cluster does. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterValidationStatus {
    public String validatedAt;
    public boolean valid;
    public List<Failure> failures = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Failure {
        public String kind;
        public String name;
        public String message;
    }
}
