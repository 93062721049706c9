package io.slipway.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.OperatorHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every manifest of the invalid corpus (src/test/resources/invalid), applied to the test API with admission
 * validation off (as if stored under an older schema) and reconciled by the real operator: refused with SpecValid=False, Stalled=True, Ready=False, a message naming each expected field path,
 * a Warning Event, and not one AWS call.
 */
class InvalidSpecsAreRefusedTest {
    private static final Path CORPUS = Path.of("src/test/resources/invalid");
    private static OperatorHarness harness;

    @BeforeAll
    static void start() {
        harness = new OperatorHarness(TestReconcilers::all);
        // the operator's own layer is under test: let in what the CRD's schema and rules would refuse at admission
        // (InvalidManifestsWithAdmissionTest applies the same corpus with admission on)
        harness.api.setCustomResourceValidation(false);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWithFieldPathsAndNoAwsCall(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> expected = Arrays.stream(text.lines().findFirst().orElseThrow().replace("# expect:", "").split(","))
                .map(String::trim).toList();
        String namespace = file.getFileName().toString().replace(".yaml", "").toLowerCase(Locale.ROOT);
        if (namespace.length() > 63) {
            namespace = namespace.substring(0, 63).replaceAll("-+$", "");
        }
        harness.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        long callsBefore = harness.awsCalls();

        List<String> docs = Arrays.stream(text.split("(?m)^---\\s*$")).filter(d -> d.contains("kind:")).toList();
        HasMetadata underTest = null;
        for (String doc : docs) {
            GenericKubernetesResource raw = Serialization.unmarshal(doc, GenericKubernetesResource.class);
            raw.getMetadata().setNamespace(namespace);
            harness.client.resource(raw).create();
            underTest = raw;
        }
        String name = underTest.getMetadata().getName();
        Class<? extends HasMetadata> type = "Cluster".equals(underTest.getKind()) ? Cluster.class : InstanceGroup.class;
        String ns = namespace;

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Condition> conditions = conditions(harness.client.resources(type).inNamespace(ns).withName(name).get());
            assertThat(condition(conditions, ConditionType.SPEC_VALID)).extracting(c -> c.status).isEqualTo("False");
            assertThat(condition(conditions, ConditionType.STALLED)).extracting(c -> c.status).isEqualTo("True");
            assertThat(condition(conditions, ConditionType.READY)).extracting(c -> c.status).isEqualTo("False");
            String message = condition(conditions, ConditionType.SPEC_VALID).message;
            for (String path : expected) {
                assertThat(message).contains(path + ":");
            }
            assertThat(harness.events(ns, name)).anySatisfy(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo("InvalidSpec");
                assertThat(e.getMessage()).contains(expected.get(0));
            });
        });
        assertThat(harness.awsCalls()).as("AWS calls while refusing " + file.getFileName()).isEqualTo(callsBefore);
    }

    private static List<Condition> conditions(HasMetadata resource) {
        if (resource instanceof Cluster c) {
            return c.getStatus() == null ? List.of() : c.getStatus().conditions;
        }
        InstanceGroup ig = (InstanceGroup) resource;
        return ig.getStatus() == null ? List.of() : ig.getStatus().conditions;
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return Conditions.get(conditions, type).orElseThrow(() -> new AssertionError("no " + type + " condition yet"));
    }
}
