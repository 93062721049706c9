package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.crd.SchemaProperties.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated CRDs explain themselves: {@code kubectl explain} shows a description for every field of both kinds
 * (spec and status, at every depth), and a field's description states the default the schema gives it.
 */
class CrdDescriptionsTest {

    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void everyPropertyHasADescription(String crd) {
        List<Property> properties = SchemaProperties.of(crd);
        assertThat(properties).as("the walk finds the properties").hasSizeGreaterThan(60);
        List<String> undescribed = properties.stream()
                .filter(p -> p.schema().path("description").asText().isBlank())
                .map(Property::path)
                .toList();
        assertThat(undescribed)
                .as("properties of %s without a description: add @JsonPropertyDescription in io.slipway.api", crd)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void theKindItselfIsDescribed(String crd) {
        assertThat(SchemaDefaulting.rootSchema(crd).path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void descriptionsAreOneLine(String crd) {
        assertThat(SchemaProperties.of(crd).stream().filter(p -> p.schema().path("description").asText().contains("\n")))
                .as("multi-line descriptions").isEmpty();
    }

    /** kubectl explain does not print the schema's default, so the description must say it, and say the same. */
    @ParameterizedTest
    @MethodSource("io.slipway.crd.GeneratedCrds#files")
    void aDefaultedPropertySaysItsDefault(String crd) {
        List<String> wrong = SchemaProperties.of(crd).stream()
                .filter(p -> p.schema().has("default") && !isEmptyObject(p.schema().get("default")))
                .filter(p -> !p.schema().path("description").asText().contains("Default: " + text(p.schema().get("default"))))
                .map(p -> p.path() + " (default " + text(p.schema().get("default")) + "): " + p.schema().path("description").asText())
                .collect(Collectors.toList());
        assertThat(wrong).as("descriptions that do not say 'Default: <the schema default>'").isEmpty();
    }

    @Test
    void theWalkSeesNestedItemsAndStatus() {
        assertThat(SchemaProperties.of(GeneratedCrds.CLUSTERS)).extracting(Property::path)
                .contains("spec.subnets[*].cidr", "status.conditions[*].reason", "status.plan.changes[*].fields",
                        "spec.topology.bastion.idleTimeoutSeconds");
        assertThat(SchemaProperties.of(GeneratedCrds.INSTANCE_GROUPS)).extracting(Property::path)
                .contains("spec.rootVolume.kmsKeyId", "status.instances[*].upToDate", "status.rollout.message");
    }

    private static boolean isEmptyObject(JsonNode node) {
        return node.isObject() && node.isEmpty();
    }

    /** A default as the descriptions write it: scalars as is, lists as [a, b]. */
    static String text(JsonNode value) {
        if (value.isArray()) {
            StringBuilder s = new StringBuilder("[");
            value.forEach(v -> s.append(s.length() > 1 ? ", " : "").append(v.asText()));
            return s.append(']').toString();
        }
        return value.asText();
    }
}
