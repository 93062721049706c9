package io.slipway.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.api.IamSpec;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * iam.additionalPolicies: per role (controlPlane, node, bastion) a JSON array of IAM policy statements, as in
 * kops. Each statement needs Effect, Action (or NotAction) and Resource (or NotResource); Principal has no place
 * in a role's own policy.
 */
final class IamPolicies {
    static final Set<String> ROLES = Set.of("controlPlane", "node", "bastion");
    /** IAM's limit for a role's inline policies, in characters. */
    static final int MAX_LENGTH = 10240;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final String EXAMPLE = "[{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"], \"Resource\": [\"arn:aws:s3:::bucket/*\"]}]";

    private IamPolicies() {
    }

    static void check(IamSpec iam, ErrorList errors) {
        if (iam == null) {
            return;
        }
        for (Map.Entry<String, String> e : Nulls.map(iam.additionalPolicies).entrySet()) {
            String path = "spec.iam.additionalPolicies[" + e.getKey() + "]";
            if (!ROLES.contains(e.getKey())) {
                errors.add(path, CelMessages.ADDITIONAL_POLICY_KEYS + " (got \"" + e.getKey() + "\")");
                continue;
            }
            String problem = problem(e.getValue());
            if (problem != null) {
                errors.add(path, problem);
            }
        }
    }

    /** Null when the text is a valid statement array, else what is wrong with it. */
    static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "must be a JSON array of IAM policy statements, e.g. " + EXAMPLE;
        }
        if (text.length() > MAX_LENGTH) {
            return "policy is " + text.length() + " characters; IAM allows " + MAX_LENGTH + " per role";
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return "not valid JSON" + where + ": " + e.getOriginalMessage();
        }
        if (root == null || !root.isArray()) {
            return "must be a JSON array of IAM policy statements (not a whole policy document), e.g. " + EXAMPLE;
        }
        if (root.isEmpty()) {
            return "the statement array is empty; remove the entry or add statements";
        }
        for (int i = 0; i < root.size(); i++) {
            String p = statementProblem(root.get(i));
            if (p != null) {
                return "statement " + (i + 1) + ": " + p;
            }
        }
        return null;
    }

    private static String statementProblem(JsonNode st) {
        if (!st.isObject()) {
            return "must be an object with Effect, Action and Resource";
        }
        for (Iterator<String> it = st.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("Principal") || key.equals("NotPrincipal")) {
                return key + " is not allowed in a role's own policy";
            }
            if (!STATEMENT_KEYS.contains(key)) {
                return "unknown key \"" + key + "\"; a statement has Sid, Effect, Action/NotAction, Resource/NotResource and Condition";
            }
        }
        JsonNode effect = st.get("Effect");
        if (effect == null || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
            return "Effect must be Allow or Deny";
        }
        if (st.has("Action") == st.has("NotAction")) {
            return "needs exactly one of Action or NotAction";
        }
        String a = stringOrList(st.has("Action") ? st.get("Action") : st.get("NotAction"));
        if (a != null) {
            return (st.has("Action") ? "Action " : "NotAction ") + a;
        }
        if (st.has("Resource") == st.has("NotResource")) {
            return "needs exactly one of Resource or NotResource";
        }
        String r = stringOrList(st.has("Resource") ? st.get("Resource") : st.get("NotResource"));
        if (r != null) {
            return (st.has("Resource") ? "Resource " : "NotResource ") + r;
        }
        if (st.has("Condition") && !st.get("Condition").isObject()) {
            return "Condition must be an object";
        }
        return null;
    }

    private static String stringOrList(JsonNode n) {
        if (n.isTextual()) {
            return n.asText().isEmpty() ? "must not be empty" : null;
        }
        if (n.isArray() && !n.isEmpty()) {
            for (JsonNode item : n) {
                if (!item.isTextual() || item.asText().isEmpty()) {
                    return "must list non-empty strings";
                }
            }
            return null;
        }
        return "must be a string or a non-empty list of strings";
    }
}
