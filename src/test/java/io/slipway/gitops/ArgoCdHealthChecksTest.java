package io.slipway.gitops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.LuaError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped Argo CD health scripts under luaj, driven by their health_test.yaml as Argo CD's own
 * resource_customizations tests are: each case's object must get exactly the expected status and message. The case
 * lists themselves are checked too: every state, the object without status, every sample used, samples that are
 * real objects of our API.
 */
class ArgoCdHealthChecksTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    Stream<DynamicTest> clusterCases() {
        return cases("Cluster");
    }

    @TestFactory
    Stream<DynamicTest> instanceGroupCases() {
        return cases("InstanceGroup");
    }

    @Test
    void clusterCasesCoverEveryStateAndTheObjectWithoutStatus() {
        assertCoverage("Cluster", Set.of("Healthy", "Progressing", "Degraded", "Suspended"), Cluster.class);
    }

    @Test
    void instanceGroupCasesCoverEveryStateAndTheObjectWithoutStatus() {
        // No Suspended: an InstanceGroup has no spec.paused of its own.
        assertCoverage("InstanceGroup", Set.of("Healthy", "Progressing", "Degraded"), InstanceGroup.class);
    }

    @Test
    void theRunnerRefusesWhatArgoCdWouldRefuse() {
        // So that a passing case means something: a wrong code and a library Argo CD does not offer both fail here.
        JsonNode anything = YAML.createObjectNode().set("metadata", YAML.createObjectNode());
        assertThatThrownBy(() -> new ArgoCdHealthScript("wrong-code", "return {status = 'Ready', message = ''}").evaluate(anything))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Ready");
        assertThatThrownBy(() -> new ArgoCdHealthScript("os-library", "return {status = 'Healthy', message = os.getenv('HOME')}").evaluate(anything))
                .isInstanceOf(LuaError.class);
        assertThat(new ArgoCdHealthScript("fine", "return {status = 'Healthy', message = obj.metadata.name}")
                .evaluate(YAML.createObjectNode().set("metadata", YAML.createObjectNode().put("name", "demo"))))
                .isEqualTo(new ArgoCdHealthScript.Health("Healthy", "demo"));
    }

    @Test
    void aSampleWithAMisspeltFieldIsNotTakenForAValidObject() {
        // The API check in assertCoverage must be able to fail: a typo in status or spec is refused.
        ObjectNode sample = (ObjectNode) read(ArgoCdHealthScript.directory("Cluster").resolve("testdata/healthy_converged.yaml"));
        ((ObjectNode) sample.get("status")).put("observedGenration", 4);
        assertThatThrownBy(() -> STRICT.treeToValue(sample, Cluster.class)).hasMessageContaining("observedGenration");
        ObjectNode spec = (ObjectNode) read(ArgoCdHealthScript.directory("InstanceGroup").resolve("testdata/healthy_ready.yaml"));
        ((ObjectNode) spec.get("spec")).put("minsize", 3);
        assertThatThrownBy(() -> STRICT.treeToValue(spec, InstanceGroup.class)).hasMessageContaining("minsize");
    }

    private static Stream<DynamicTest> cases(String kind) {
        ArgoCdHealthScript script = ArgoCdHealthScript.forKind(kind);
        List<TestCase> cases = testCases(kind);
        assertThat(cases).as(kind + " health_test.yaml cases").isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.inputPath() + " is " + c.status(), () -> {
            ArgoCdHealthScript.Health health = script.evaluate(read(ArgoCdHealthScript.directory(kind).resolve(c.inputPath())));
            assertThat(health.status()).as(c.inputPath() + " status").isEqualTo(c.status());
            assertThat(health.message()).as(c.inputPath() + " message").isEqualTo(c.message());
        }));
    }

    private static void assertCoverage(String kind, Set<String> states, Class<? extends HasMetadata> type) {
        Path dir = ArgoCdHealthScript.directory(kind);
        List<TestCase> cases = testCases(kind);
        assertThat(cases.stream().map(TestCase::status).collect(Collectors.toSet())).as(kind + " states covered").isEqualTo(states);

        List<String> used = cases.stream().map(TestCase::inputPath).toList();
        assertThat(used).as("each sample once").doesNotHaveDuplicates();
        assertThat(used).as("every sample in testdata/ has a case")
                .containsExactlyInAnyOrderElementsOf(samples(dir));

        List<String> withoutStatus = new ArrayList<>();
        for (String input : used) {
            JsonNode object = read(dir.resolve(input));
            assertThat(object.path("kind").asText()).as(input + " kind").isEqualTo(kind);
            assertThat(object.path("apiVersion").asText()).as(input + " apiVersion").isEqualTo("slipway.io/v1alpha1");
            assertThat(object.at("/metadata/generation").isIntegralNumber()).as(input + " metadata.generation").isTrue();
            try {
                // A misspelt field would make a sample test a case the operator never produces.
                STRICT.treeToValue(object, type);
            } catch (IOException e) {
                throw new AssertionError(input + " is not a valid " + kind + ": " + e.getMessage(), e);
            }
            if (!object.has("status")) {
                withoutStatus.add(input);
            }
        }
        assertThat(withoutStatus).as(kind + " cases with an object that has no status yet").isNotEmpty();
        assertThat(cases.stream().filter(c -> withoutStatus.contains(c.inputPath())).map(TestCase::status))
                .containsOnly("Progressing");
    }

    private static List<TestCase> testCases(String kind) {
        JsonNode tests = read(ArgoCdHealthScript.directory(kind).resolve("health_test.yaml")).path("tests");
        List<TestCase> cases = new ArrayList<>();
        for (JsonNode t : tests) {
            cases.add(new TestCase(t.path("inputPath").asText(), t.at("/healthStatus/status").asText(),
                    t.at("/healthStatus/message").asText()));
        }
        return cases;
    }

    private static List<String> samples(Path dir) {
        try (Stream<Path> files = Files.list(dir.resolve("testdata"))) {
            return files.map(f -> "testdata/" + f.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record TestCase(String inputPath, String status, String message) {
    }
}
