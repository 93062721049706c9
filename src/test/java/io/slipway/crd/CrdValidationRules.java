package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Every {@code x-kubernetes-validations} rule of the generated CRDs, with where in the schema it sits. */
public final class CrdValidationRules {

    /**
     * One rule.
     *
     * @param crd                     CRD file name
     * @param path                    schema path of the node the rule is attached to, e.g. {@code spec.subnets[*]}
     * @param schema                  that schema node
     * @param uncorrelatableAncestor  the closest array above the node that is not {@code x-kubernetes-list-type: map}
     *                                (the API server cannot match old and new items below it), or null
     */
    public record Rule(String crd, String path, String expression, String message, JsonNode schema,
                       String uncorrelatableAncestor) {
        private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

        /** A transition rule: evaluated on update only, with {@code oldSelf} bound. */
        public boolean isTransitionRule() {
            return OLD_SELF.matcher(expression).find();
        }

        @Override
        public String toString() {
            return crd + " " + path + ": " + expression;
        }
    }

    private CrdValidationRules() {
    }

    private static List<Rule> all;

    public static synchronized List<Rule> all() {
        if (all == null) {
            List<Rule> rules = new ArrayList<>();
            for (String file : GeneratedCrds.FILES) {
                rules.addAll(of(file, GeneratedCrds.tree(file)));
            }
            all = List.copyOf(rules);
        }
        return all;
    }

    static List<Rule> of(String file, JsonNode crd) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode version : crd.at("/spec/versions")) {
            collect(file, version.at("/schema/openAPIV3Schema"), "", null, rules);
        }
        return rules;
    }

    /** The rule at {@code path} whose message starts with {@code messageStart}; fails when there is not exactly one. */
    public static Rule find(String file, String path, String messageStart) {
        List<Rule> found = all().stream()
                .filter(r -> r.crd().equals(file) && r.path().equals(path) && r.message().startsWith(messageStart))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one rule in " + file + " at " + path + " with message '" + messageStart
                    + "...', found " + found.size() + "; rules there: "
                    + all().stream().filter(r -> r.path().equals(path)).map(Rule::message).toList());
        }
        return found.get(0);
    }

    private static void collect(String file, JsonNode schema, String path, String uncorrelatable, List<Rule> out) {
        for (JsonNode validation : schema.path("x-kubernetes-validations")) {
            out.add(new Rule(file, path.isEmpty() ? "." : path, validation.path("rule").asText(),
                    validation.path("message").asText(), schema, uncorrelatable));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            collect(file, property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
                    uncorrelatable, out);
        }
        if (schema.has("items")) {
            boolean mapList = "map".equals(schema.path("x-kubernetes-list-type").asText());
            collect(file, schema.get("items"), path + "[*]", uncorrelatable != null || mapList ? uncorrelatable : path, out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(file, schema.get("additionalProperties"), path + "{*}", uncorrelatable, out);
        }
    }
}
