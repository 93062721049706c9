package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector as a query parameter writes it: {@code a=b,c!=d,e,!f,g in (h,i),j notin (k)}. The store
 * filters lists by labels itself; watch events are matched here.
 */
record LabelSelector(List<Requirement> requirements) {
    private static final Pattern TERM = Pattern.compile(
            "\\s*(!?)([^\\s=!,()]+)\\s*(?:(==?|!=)\\s*([^\\s,()]*)|\\s+(in|notin)\\s*\\(([^)]*)\\))?\\s*(?:,|$)");

    record Requirement(String key, String operator, Set<String> values) {
        boolean matches(JsonNode labels) {
            String actual = labels.path(key).isTextual() ? labels.path(key).asText() : null;
            return switch (operator) {
                case "exists" -> actual != null;
                case "!exists" -> actual == null;
                case "in" -> actual != null && values.contains(actual);
                case "notin", "!=" -> actual == null || !values.contains(actual);
                default -> values.contains(actual);
            };
        }
    }

    static LabelSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return new LabelSelector(requirements);
        }
        Matcher m = TERM.matcher(selector);
        int at = 0;
        while (at < selector.length()) {
            if (!m.find(at) || m.start() != at || m.end() == at) {
                throw new ApiException(400, "BadRequest", "unable to parse requirement: invalid label selector: " + selector);
            }
            String key = m.group(2);
            if (m.group(3) != null) {
                requirements.add(new Requirement(key, m.group(3).equals("!=") ? "!=" : "=", Set.of(m.group(4))));
            } else if (m.group(5) != null) {
                Set<String> values = Set.copyOf(List.of(m.group(6).trim().split("\\s*,\\s*")));
                requirements.add(new Requirement(key, m.group(5), values));
            } else {
                requirements.add(new Requirement(key, m.group(1).isEmpty() ? "exists" : "!exists", Set.of()));
            }
            at = m.end();
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    boolean matches(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return requirements.stream().allMatch(r -> r.matches(labels));
    }
}
