package io.slipway.controller;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.HoldsMalformedValues;
import io.slipway.api.InstanceGroup;
import io.slipway.validation.FieldError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A fuzzer over the examples: every node of examples/cluster.yaml and examples/instancegroups.yaml (leaves, objects,
 * lists and list items; metadata, apiVersion and kind included) is replaced in turn with each JSON type it does not
 * have (string, number, boolean, object, list, null), and the object is read with the operator's production
 * deserialisation ({@link TolerantDeserialization#serialization()}, what Quarkus configures) as a single object, as an
 * item of a list (what an informer lists) and through a copy as JOSDK makes one ({@link MalformedValuesSeen}).
 *
 * <p>Asserted: reading never throws. For a node under {@code spec} replaced by a non-null value, the spec checks
 * report an error at exactly that node's field path (not an ancestor's), whose message says which type the API
 * wants and which JSON type it got. (null means absent, as on a real API server: it is only read, never judged here.)
 */
class MalformedObjectFuzzTest {
    private static final KubernetesSerialization PRODUCTION = TolerantDeserialization.serialization();
    private static int storedVersions;
    /** Map-valued spec fields: their entries' paths are written {@code field[key]}. */
    private static final Set<String> MAPS = Set.of("cloudLabels", "nodeLabels", "additionalPolicies");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<JsonNode> WRONG_VALUES = List.of(
            JSON.textNode("wrong-type"), JSON.numberNode(7), JSON.booleanNode(true),
            JSON.objectNode().put("wrong", "type"), JSON.arrayNode().add("wrong-type"), JSON.nullNode());

    @Test
    void everyWrongTypeInTheExampleClusterIsReadAndReportedAtItsPath() throws IOException {
        JsonNode cluster = examples("examples/cluster.yaml").get(0);
        int judged = fuzz(cluster, Cluster.class, c -> new ClusterSpecChecks().check(nameOf(c), c.getSpec(), null, c.getMalformedValues()));
        assertThat(judged).as("mutations judged by the spec checks").isGreaterThan(150);
    }

    @Test
    void everyWrongTypeInTheExampleInstanceGroupsIsReadAndReportedAtItsPath() throws IOException {
        ClusterSpec cluster = PRODUCTION.convertValue(examples("examples/cluster.yaml").get(0), Cluster.class).getSpec();
        int judged = 0;
        for (JsonNode ig : examples("examples/instancegroups.yaml")) {
            judged += fuzz(ig, InstanceGroup.class, g -> new InstanceGroupSpecChecks().check(nameOf(g), g.getSpec(), cluster, null, g.getMalformedValues()));
        }
        assertThat(judged).as("mutations judged by the spec checks").isGreaterThan(100);
    }

    @Test
    void theExamplesThemselvesAreValid() throws IOException {
        Cluster cluster = PRODUCTION.convertValue(examples("examples/cluster.yaml").get(0), Cluster.class);
        assertThat(new ClusterSpecChecks().check(nameOf(cluster), cluster.getSpec(), null, cluster.getMalformedValues())).isEmpty();
        for (JsonNode ig : examples("examples/instancegroups.yaml")) {
            InstanceGroup group = PRODUCTION.convertValue(ig, InstanceGroup.class);
            assertThat(new InstanceGroupSpecChecks().check(nameOf(group), group.getSpec(), cluster.getSpec(), null, group.getMalformedValues())).isEmpty();
        }
    }

    /** Mutates every node of {@code example}; returns how many mutations the checks judged. */
    private static <T extends HasMetadata & HoldsMalformedValues> int fuzz(JsonNode example, Class<T> type,
                                                                         Function<T, List<FieldError>> checks) {
        List<List<Object>> paths = new ArrayList<>();
        collect(example, new ArrayList<>(), paths);
        int judged = 0;
        for (List<Object> path : paths) {
            for (JsonNode wrong : WRONG_VALUES) {
                JsonNode original = at(example, path);
                if (original.getNodeType() == wrong.getNodeType()) {
                    continue;
                }
                JsonNode mutated = example.deepCopy();
                replace(mutated, path, wrong.deepCopy());
                String where = pointer(path) + " = " + wrong;

                T read = readOrFail(mutated, type, where);
                boolean underSpec = "spec".equals(path.get(0));
                if (!underSpec || wrong.isNull()) {
                    continue;
                }
                String fieldPath = fieldPath(path);
                List<FieldError> errors = checks.apply(read);
                assertThat(errors).as(where + " → " + FieldError.summarize(errors))
                        .anySatisfy(e -> {
                            assertThat(e.path()).isEqualTo(fieldPath);
                            assertThat(e.message()).startsWith("must be ").contains(", got " + jsonTypeWord(wrong));
                        });
                judged++;
            }
        }
        return judged;
    }

    /** Reads the mutated object three ways the operator does; none may throw, and all must agree. */
    private static <T extends HasMetadata & HoldsMalformedValues> T readOrFail(JsonNode mutated, Class<T> type, String where) {
        String json = mutated.toString();
        List<T> read = new ArrayList<>();
        assertThatCode(() -> {
            T single = PRODUCTION.unmarshal(json, type);
            read.add(single);
            String list = "{\"apiVersion\":\"slipway.io/v1alpha1\",\"kind\":\"" + type.getSimpleName() + "List\",\"items\":[" + json + "]}";
            DefaultKubernetesResourceList<T> items = PRODUCTION.unmarshal(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)),
                    new TypeReference<DefaultKubernetesResourceList<T>>() {
                        @Override
                        public java.lang.reflect.Type getType() {
                            return PRODUCTION.constructParametricType(DefaultKubernetesResourceList.class, type);
                        }
                    });
            assertThat(items.getItems()).hasSize(1);
            assertThat(items.getItems().get(0).getMalformedValues()).isEqualTo(single.getMalformedValues());
            JsonNode tree = PRODUCTION.unmarshal(json, JsonNode.class);
            if (tree.path("metadata") instanceof ObjectNode metadata) { // as stored: a copy of this version keeps what was found
                metadata.put("uid", "fuzz").put("resourceVersion", String.valueOf(++storedVersions));
                T stored = PRODUCTION.unmarshal(PRODUCTION.asJson(tree), type);
                assertThat(MalformedValuesSeen.of(PRODUCTION.clone(stored))).isEqualTo(single.getMalformedValues());
            }
        }).as(where).doesNotThrowAnyException();
        return read.get(0);
    }

    private static void collect(JsonNode node, List<Object> prefix, List<List<Object>> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> path = new ArrayList<>(prefix);
                path.add(name);
                out.add(path);
                collect(node.get(name), path, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(i);
                out.add(path);
                collect(node.get(i), path, out);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }

    private static void replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** The validators' path convention: {@code spec.subnets[0].zone}, {@code spec.cloudLabels[team]}. */
    private static String fieldPath(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        Object previous = null;
        for (Object step : path) {
            if (step instanceof Integer || (previous != null && MAPS.contains(previous))) {
                sb.append('[').append(step).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(step);
            }
            previous = step;
        }
        return sb.toString();
    }

    private static String pointer(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        path.forEach(step -> sb.append('/').append(step));
        return sb.toString();
    }

    private static String jsonTypeWord(JsonNode node) {
        return Map.of("STRING", "string", "NUMBER", "number", "BOOLEAN", "boolean", "OBJECT", "an object", "ARRAY", "a list")
                .get(node.getNodeType().name());
    }

    private static List<JsonNode> examples(String file) throws IOException {
        try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(Path.of(file)))) {
            List<JsonNode> out = new ArrayList<>();
            docs.forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    out.add(d);
                }
            });
            return out;
        }
    }

    private static String nameOf(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object.getMetadata() == null ? null : object.getMetadata().getName();
    }
}
