package io.slipway.kops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.validation.ClusterSpecValidator;
import io.slipway.validation.InstanceGroupSpecValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The printed Slipway manifests read back as a user's kubectl would send them, strictly (an unknown field fails),
 * and checked with the operator's validators: every error as "Kind/name path: message".
 */
final class SlipwayOutput {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SlipwayOutput() {
    }

    static List<String> validationErrors(String manifests) {
        List<JsonNode> documents = documents(manifests);
        List<String> errors = new ArrayList<>();
        ClusterSpec cluster = null;
        for (JsonNode d : documents) {
            if (d.path("kind").asText().equals("Cluster")) {
                cluster = read(d.path("spec"), ClusterSpec.class);
                String object = "Cluster/" + d.path("metadata").path("name").asText();
                ClusterSpecValidator.validateName(d.path("metadata").path("name").asText()).forEach(e -> errors.add(object + " " + e));
                ClusterSpecValidator.validate(cluster).forEach(e -> errors.add(object + " " + e));
            }
        }
        for (JsonNode d : documents) {
            if (d.path("kind").asText().equals("InstanceGroup")) {
                String object = "InstanceGroup/" + d.path("metadata").path("name").asText();
                InstanceGroupSpecValidator.validateName(d.path("metadata").path("name").asText()).forEach(e -> errors.add(object + " " + e));
                InstanceGroupSpecValidator.validate(read(d.path("spec"), InstanceGroupSpec.class), cluster).forEach(e -> errors.add(object + " " + e));
            }
        }
        return errors;
    }

    static List<JsonNode> documents(String manifests) {
        try {
            return YAML.readValues(YAML.getFactory().createParser(manifests), JsonNode.class).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return YAML.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
