package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.api.SpecDefaults;
import io.slipway.crd.CrdValidationRules.Rule;
import io.slipway.crd.SchemaProperties.Property;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.slipway.crd.GeneratedCrds.CLUSTERS;
import static io.slipway.crd.GeneratedCrds.INSTANCE_GROUPS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static defaults in the CRD schemas: exactly those of {@link SpecDefaults} (which the operator falls back to),
 * the same as README's API tables, valid against their own schema, and applied the way a real API server applies
 * them (a nested default only where its parent exists or is itself defaulted).
 */
class SchemaDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CelRuleEvaluator CEL = new CelRuleEvaluator();

    static Map<String, JsonNode> schemaDefaults(String crd) {
        Map<String, JsonNode> defaults = new TreeMap<>();
        for (Property p : SchemaProperties.of(crd)) {
            if (p.schema().has("default")) {
                defaults.put(p.path(), p.schema().get("default"));
            }
        }
        return defaults;
    }

    @Test
    void clusterDefaultsAreTheSpecDefaults() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("spec.podCIDR", SpecDefaults.POD_CIDR);
        expected.put("spec.serviceClusterIPRange", SpecDefaults.SERVICE_CLUSTER_IP_RANGE);
        expected.put("spec.natGateways", SpecDefaults.NAT_GATEWAYS);
        expected.put("spec.topology", Map.of());
        expected.put("spec.topology.controlPlane", SpecDefaults.EXPOSURE);
        expected.put("spec.topology.nodes", SpecDefaults.EXPOSURE);
        expected.put("spec.api", Map.of());
        expected.put("spec.api.loadBalancer", Map.of());
        expected.put("spec.api.loadBalancer.type", SpecDefaults.API_LOAD_BALANCER_TYPE);
        expected.put("spec.api.loadBalancer.crossZoneLoadBalancing", SpecDefaults.CROSS_ZONE_LOAD_BALANCING);
        expected.put("spec.kubernetesApiAccess", List.of(SpecDefaults.KUBERNETES_API_ACCESS));
        expected.put("spec.rollingUpdate", Map.of());
        expected.put("spec.rollingUpdate.maxSurge", SpecDefaults.MAX_SURGE);
        expected.put("spec.rollingUpdate.maxUnavailable", SpecDefaults.MAX_UNAVAILABLE);
        expected.put("spec.rollingUpdate.drainTimeout", SpecDefaults.DRAIN_TIMEOUT);
        expected.put("spec.rollingUpdate.validationTimeout", SpecDefaults.VALIDATION_TIMEOUT);
        expected.put("spec.remediation", Map.of());
        expected.put("spec.remediation.enabled", SpecDefaults.REMEDIATION_ENABLED);
        expected.put("spec.remediation.unhealthyAfter", SpecDefaults.UNHEALTHY_AFTER);
        expected.put("spec.remediation.maxUnhealthy", SpecDefaults.MAX_UNHEALTHY);
        expected.put("spec.paused", false);
        expected.put("spec.planOnly", false);
        assertThat(schemaDefaults(CLUSTERS)).isEqualTo(asJson(expected));
    }

    /** An InstanceGroup's rollingUpdate takes the Cluster's values for what it leaves unset: no schema default there. */
    @Test
    void instanceGroupDefaultsAreTheSpecDefaults() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("spec.rootVolume", Map.of());
        expected.put("spec.rootVolume.type", SpecDefaults.ROOT_VOLUME_TYPE);
        expected.put("spec.rootVolume.encrypted", SpecDefaults.ROOT_VOLUME_ENCRYPTED);
        expected.put("spec.instanceMetadata", Map.of());
        expected.put("spec.instanceMetadata.httpTokens", SpecDefaults.HTTP_TOKENS);
        assertThat(schemaDefaults(INSTANCE_GROUPS)).isEqualTo(asJson(expected));
    }

    /** The API server refuses a CRD whose defaults do not validate against their own schema. */
    @Test
    void defaultsFitTheirSchema() {
        for (String crd : GeneratedCrds.FILES) {
            for (Property p : SchemaProperties.of(crd)) {
                JsonNode dflt = p.schema().get("default");
                if (dflt == null) {
                    continue;
                }
                String type = p.schema().path("type").asText();
                if (p.schema().path("x-kubernetes-int-or-string").asBoolean(false)) {
                    assertThat(dflt.isInt() || dflt.isTextual()).as(p.path()).isTrue();
                } else {
                    switch (type) {
                        case "object" -> assertThat(dflt.isObject()).as(p.path()).isTrue();
                        case "array" -> assertThat(dflt.isArray()).as(p.path()).isTrue();
                        case "string" -> assertThat(dflt.isTextual()).as(p.path()).isTrue();
                        case "boolean" -> assertThat(dflt.isBoolean()).as(p.path()).isTrue();
                        case "integer" -> assertThat(dflt.isIntegralNumber()).as(p.path()).isTrue();
                        default -> throw new AssertionError(p.path() + ": unexpected type " + type);
                    }
                }
                if (p.schema().has("enum")) {
                    assertThat(p.schema().get("enum")).as(p.path() + " enum").contains(dflt);
                }
                if (p.schema().has("pattern")) {
                    assertThat(dflt.asText()).as(p.path() + " pattern").matches(p.schema().get("pattern").asText());
                }
                JsonNode items = p.schema().path("items");
                if (dflt.isArray() && items.has("pattern")) {
                    dflt.forEach(v -> assertThat(v.asText()).as(p.path() + " items").matches(items.get("pattern").asText()));
                }
            }
        }
    }

    @Nested
    class AsAnApiServerAppliesThem {
        @Test
        void aMinimalClusterGetsEveryDefaultThroughItsDefaultedParents() {
            JsonNode cluster = SchemaDefaulting.defaulted(yaml("""
                    apiVersion: slipway.io/v1alpha1
                    kind: Cluster
                    metadata: {name: dev}
                    spec: {kubernetesVersion: 1.31.4, region: eu-west-1, networkCIDR: 10.0.0.0/16,
                           subnets: [{name: a, zone: eu-west-1a, cidr: 10.0.0.0/24, type: Public}]}
                    """), CLUSTERS);
            JsonNode spec = cluster.get("spec");
            assertThat(spec.at("/topology/nodes").asText()).isEqualTo("public");
            assertThat(spec.at("/topology/controlPlane").asText()).isEqualTo("public");
            assertThat(spec.at("/api/loadBalancer/type").asText()).isEqualTo("Public");
            assertThat(spec.at("/api/loadBalancer/crossZoneLoadBalancing").asBoolean()).isTrue();
            assertThat(spec.at("/rollingUpdate")).isEqualTo(yaml("{maxSurge: 1, maxUnavailable: 0, drainTimeout: 15m, validationTimeout: 15m}"));
            assertThat(spec.at("/kubernetesApiAccess")).isEqualTo(yaml("[0.0.0.0/0]"));
            assertThat(spec.has("networking")).as("no provider of the one-of is filled in").isFalse();
            assertThat(spec.has("status")).isFalse();
        }

        @Test
        void whatTheUserSetIsKeptAndTheRestOfTheObjectIsFilledIn() {
            JsonNode spec = SchemaDefaulting.defaulted(yaml("""
                    spec: {topology: {nodes: private}, rollingUpdate: {maxUnavailable: 2}, kubernetesApiAccess: [10.0.0.0/8]}
                    """), CLUSTERS).get("spec");
            assertThat(spec.get("topology")).isEqualTo(yaml("{nodes: private, controlPlane: public}"));
            assertThat(spec.get("rollingUpdate")).isEqualTo(yaml("{maxUnavailable: 2, maxSurge: 1, drainTimeout: 15m, validationTimeout: 15m}"));
            assertThat(spec.get("kubernetesApiAccess")).isEqualTo(yaml("[10.0.0.0/8]"));
        }

        @Test
        void anInstanceGroupKeepsTheClustersRollingUpdateValues() {
            JsonNode spec = SchemaDefaulting.defaulted(yaml("spec: {rollingUpdate: {drainTimeout: 5m}}"), INSTANCE_GROUPS).get("spec");
            assertThat(spec.get("rollingUpdate")).isEqualTo(yaml("{drainTimeout: 5m}"));
            assertThat(spec.get("rootVolume")).isEqualTo(yaml("{type: gp3, encrypted: true}"));
            assertThat(spec.get("instanceMetadata")).isEqualTo(yaml("{httpTokens: required}"));
        }
    }

    /**
     * With the defaults present every rule still accepts the valid examples, and the one rule whose verdict the
     * defaults change (maxSurge 0 alone on a Cluster) now refuses what the operator refuses.
     */
    @Nested
    class CelRulesWithDefaults {
        @Test
        void everyRuleAcceptsTheDefaultedExamplesAndValidManifests() {
            List<String> files = List.of("examples/cluster.yaml", "examples/instancegroups.yaml",
                    "src/test/resources/valid/full-cluster.yaml", "src/test/resources/valid/public-minimal-cluster.yaml",
                    "src/test/resources/valid/byo-vpc-cluster.yaml");
            int evaluated = 0;
            for (String file : files) {
                for (JsonNode doc : documents(file)) {
                    String crd = doc.path("kind").asText().equals("Cluster") ? CLUSTERS : INSTANCE_GROUPS;
                    JsonNode defaulted = SchemaDefaulting.defaulted(doc, crd);
                    for (Rule rule : CrdValidationRules.all()) {
                        if (!rule.crd().equals(crd) || rule.isTransitionRule()) {
                            continue;
                        }
                        for (JsonNode self : nodesAt(defaulted, rule.path())) {
                            assertThat(CEL.eval(rule.expression(), CelRuleEvaluator.value(self.toString()), null))
                                    .as("%s on %s (defaulted)", rule, file).isTrue();
                            evaluated++;
                        }
                    }
                }
            }
            assertThat(evaluated).isGreaterThan(50);
        }

        @Test
        void maxSurgeZeroAloneOnAClusterIsRefusedOnceMaxUnavailableIsDefaulted() {
            Rule rule = CrdValidationRules.find(CLUSTERS, "spec.rollingUpdate", "maxSurge and maxUnavailable cannot both be 0");
            JsonNode spec = SchemaDefaulting.defaulted(yaml("spec: {rollingUpdate: {maxSurge: 0}}"), CLUSTERS).get("spec");
            assertThat(CEL.eval(rule.expression(), CelRuleEvaluator.value(spec.get("rollingUpdate").toString()), null)).isFalse();

            Rule onGroup = CrdValidationRules.find(INSTANCE_GROUPS, "spec.rollingUpdate", "maxSurge and maxUnavailable cannot both be 0");
            JsonNode group = SchemaDefaulting.defaulted(yaml("spec: {rollingUpdate: {maxSurge: 0}}"), INSTANCE_GROUPS).get("spec");
            assertThat(CEL.eval(onGroup.expression(), CelRuleEvaluator.value(group.get("rollingUpdate").toString()), null))
                    .as("the group may take maxUnavailable from its Cluster").isTrue();
        }

        @Test
        void rootVolumeRulesReadTheDefaultedType() {
            Rule iops = CrdValidationRules.find(INSTANCE_GROUPS, "spec.rootVolume", "iops applies");
            JsonNode volume = SchemaDefaulting.defaulted(yaml("spec: {rootVolume: {iops: 4000}}"), INSTANCE_GROUPS).at("/spec/rootVolume");
            assertThat(CEL.eval(iops.expression(), CelRuleEvaluator.value(volume.toString()), null)).isTrue();
        }
    }

    /** README's API tables are the documentation of the defaults: every literal default there is the schema's. */
    @Nested
    class ReadmeTables {
        private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]*) \\|");
        private static final Pattern LITERAL = Pattern.compile("^`([^`]*)`$");

        @Test
        void clusterTable() {
            assertThat(readmeDefaults("### Cluster")).isEqualTo(scalarDefaults(CLUSTERS));
        }

        @Test
        void instanceGroupTable() {
            assertThat(readmeDefaults("### InstanceGroup")).isEqualTo(scalarDefaults(INSTANCE_GROUPS));
        }

        /** Schema defaults other than {} (which only open a parent for its children's defaults). */
        private Map<String, JsonNode> scalarDefaults(String crd) {
            Map<String, JsonNode> out = new TreeMap<>();
            schemaDefaults(crd).forEach((path, value) -> {
                if (!(value.isObject() && value.isEmpty())) {
                    out.put(path, value);
                }
            });
            return out;
        }

        /**
         * The rows of one table whose default is one literal such as {@code `100.96.0.0/11`} or {@code `[0.0.0.0/0]`};
         * empty collections ({@code {}}, {@code []}) mean "none" and names with placeholders are computed defaults.
         */
        private Map<String, JsonNode> readmeDefaults(String heading) {
            List<String> lines = readme();
            int start = -1;
            for (int i = 0; i < lines.size() && start < 0; i++) {
                if (lines.get(i).equals(heading) || lines.get(i).startsWith(heading + " ")) {
                    start = i;
                }
            }
            assertThat(start).as("README has " + heading).isNotNegative();
            Map<String, JsonNode> out = new TreeMap<>();
            int rows = 0;
            for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
                Matcher row = ROW.matcher(lines.get(i));
                if (!row.find()) {
                    continue;
                }
                rows++;
                Matcher literal = LITERAL.matcher(row.group(2).trim());
                if (!literal.matches() || literal.group(1).contains("<") || literal.group(1).equals("{}") || literal.group(1).equals("[]")) {
                    continue;
                }
                for (String field : row.group(1).split(",")) {
                    String path = "spec." + field.trim().replace("`", "").replace("[]", "[*]");
                    out.put(path, yaml(literal.group(1)));
                }
            }
            assertThat(rows).as("rows of the " + heading + " table").isGreaterThan(15);
            return out;
        }

        private List<String> readme() {
            try {
                return Files.readAllLines(GeneratedCrds.projectRoot().resolve("README.md"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The values at a rule path such as {@code spec.subnets[*]} or {@code spec.cloudLabels{*}}; "." is the root. */
    static List<JsonNode> nodesAt(JsonNode root, String path) {
        List<JsonNode> current = new ArrayList<>(List.of(root));
        if (path.equals(".")) {
            return current;
        }
        for (String segment : path.split("\\.")) {
            String name = segment.replace("[*]", "").replace("{*}", "");
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = node.get(name);
                if (child != null && !child.isNull()) {
                    next.add(child);
                }
            }
            String rest = segment.substring(name.length());
            while (!rest.isEmpty()) {
                List<JsonNode> expanded = new ArrayList<>();
                next.forEach(n -> n.elements().forEachRemaining(expanded::add));
                next = expanded;
                rest = rest.substring(3);
            }
            current = next;
        }
        return current;
    }

    static List<JsonNode> documents(String file) {
        String text = GeneratedCrds.read(GeneratedCrds.projectRoot().resolve(file));
        List<JsonNode> docs = new ArrayList<>();
        for (String doc : text.split("(?m)^---\\s*$")) {
            JsonNode node = GeneratedCrds.parse(doc);
            if (node != null && node.isObject()) {
                docs.add(node);
            }
        }
        return docs;
    }

    static JsonNode yaml(String text) {
        return GeneratedCrds.parse(text);
    }

    private static Map<String, JsonNode> asJson(Map<String, Object> values) {
        Map<String, JsonNode> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, JSON.valueToTree(v)));
        return out;
    }
}
