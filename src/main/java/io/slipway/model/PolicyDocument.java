package io.slipway.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** An IAM policy document (version 2012-10-17) and its JSON. */
@JsonPropertyOrder({"Version", "Statement"})
public record PolicyDocument(@JsonProperty("Version") String version,
                             @JsonProperty("Statement") List<PolicyStatement> statements) {
    public static final String VERSION = "2012-10-17";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public static PolicyDocument of(List<PolicyStatement> statements) {
        return new PolicyDocument(VERSION, statements);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy document of plain records always serializes", e);
        }
    }

    /**
     * A whole policy document around a JSON array of statements as the user wrote it (iam.additionalPolicies,
     * already checked by validation), keeping each statement as given.
     */
    public static String wrapStatements(String statementArrayJson) {
        try {
            ArrayNode statements = (ArrayNode) JSON.readTree(statementArrayJson);
            ObjectNode document = JSON.createObjectNode();
            document.put("Version", VERSION);
            document.set("Statement", statements);
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("additional policy is not a JSON array of statements", e);
        }
    }
}
