package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset that CRD printer columns use: {@code .a.b}, {@code ['a.b']}, {@code [0]}, {@code [*]}
 * and {@code [?(@.x.y=="v")]} / {@code !=} filters.
 */
final class ColumnJsonPath {
    private static final Pattern FILTER = Pattern.compile(
            "\\?\\(\\s*@((?:\\.[A-Za-z0-9_-]+)+)\\s*(==|!=)\\s*(\"[^\"]*\"|'[^']*'|[^)\\s]+)\\s*\\)");

    private final List<Step> steps;

    private ColumnJsonPath(List<Step> steps) {
        this.steps = steps;
    }

    static ColumnJsonPath parse(String expression) {
        String path = expression.trim();
        if (path.startsWith("{") && path.endsWith("}")) {
            path = path.substring(1, path.length() - 1);
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end > i + 1) {
                    steps.add(new Field(path.substring(i + 1, end)));
                }
                i = end;
            } else if (c == '[') {
                int end = closingBracket(path, i);
                steps.add(bracket(path.substring(i + 1, end).trim()));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unsupported JSONPath " + expression);
            }
        }
        return new ColumnJsonPath(steps);
    }

    private static int closingBracket(String path, int open) {
        int depth = 0;
        for (int j = open; j < path.length(); j++) {
            char c = path.charAt(j);
            if (c == '[') depth++;
            if (c == ']' && --depth == 0) return j;
        }
        throw new IllegalArgumentException("unbalanced [ in JSONPath " + path);
    }

    private static Step bracket(String inner) {
        if (inner.equals("*")) {
            return new All();
        }
        if (inner.startsWith("'") || inner.startsWith("\"")) {
            return new Field(inner.substring(1, inner.length() - 1));
        }
        Matcher filter = FILTER.matcher(inner);
        if (filter.matches()) {
            return new Filter(filter.group(1).substring(1).split("\\."), filter.group(2).equals("=="), unquote(filter.group(3)));
        }
        return new Index(Integer.parseInt(inner));
    }

    private static String unquote(String literal) {
        if (literal.length() >= 2 && (literal.startsWith("\"") || literal.startsWith("'"))) {
            return literal.substring(1, literal.length() - 1);
        }
        return literal;
    }

    /** All values the path selects, in document order. */
    List<JsonNode> find(JsonNode document) {
        List<JsonNode> current = List.of(document);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                step.select(node, next);
            }
            current = next;
        }
        return current;
    }

    private interface Step {
        void select(JsonNode node, List<JsonNode> out);
    }

    private record Field(String name) implements Step {
        public void select(JsonNode node, List<JsonNode> out) {
            JsonNode value = node.isObject() ? node.get(name) : null;
            if (value != null && !value.isNull()) out.add(value);
        }
    }

    private record Index(int index) implements Step {
        public void select(JsonNode node, List<JsonNode> out) {
            if (!node.isArray()) return;
            int i = index < 0 ? node.size() + index : index;
            if (i >= 0 && i < node.size()) out.add(node.get(i));
        }
    }

    private record All() implements Step {
        public void select(JsonNode node, List<JsonNode> out) {
            if (node.isArray() || node.isObject()) node.elements().forEachRemaining(out::add);
        }
    }

    private record Filter(String[] path, boolean equal, String literal) implements Step {
        public void select(JsonNode node, List<JsonNode> out) {
            if (!node.isArray()) return;
            for (JsonNode element : node) {
                JsonNode value = element;
                for (String step : path) {
                    value = value == null ? null : value.get(step);
                }
                boolean matches = value != null && !value.isNull() && value.asText().equals(literal);
                if (matches == equal) out.add(element);
            }
        }
    }
}
