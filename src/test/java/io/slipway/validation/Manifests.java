package io.slipway.validation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.api.Cluster;
import io.slipway.controller.TolerantDeserialization;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads manifests the way the operator receives them (its Kubernetes client's deserialisation) and validates
 * them as the controller does.
 */
final class Manifests {
    private Manifests() {
    }

    static List<String> documents(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Arrays.stream(text.split("(?m)^---\\s*$"))
                    .filter(doc -> doc.lines().anyMatch(l -> !l.isBlank() && !l.trim().startsWith("#")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String relative) {
        return Path.of("src/test/resources").resolve(relative);
    }

    /** The deserialisation of the operator's Kubernetes client. */
    static final KubernetesSerialization OPERATOR = TolerantDeserialization.serialization();

    static Cluster cluster(String yaml) {
        return OPERATOR.unmarshal(yaml, Cluster.class);
    }

    static InstanceGroup instanceGroup(String yaml) {
        return OPERATOR.unmarshal(yaml, InstanceGroup.class);
    }

    /** Errors of one document as the operator sees it: read with its client's deserialisation, then validated. */
    static List<FieldError> validate(String yaml, ClusterSpec cluster) {
        return switch (kind(yaml)) {
            case "Cluster" -> ClusterSpecValidator.validate(OPERATOR.unmarshal(yaml, Cluster.class).getSpec());
            case "InstanceGroup" -> InstanceGroupSpecValidator.validate(OPERATOR.unmarshal(yaml, InstanceGroup.class).getSpec(), cluster);
            default -> throw new IllegalArgumentException("unexpected kind " + kind(yaml));
        };
    }

    static String kind(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class).getKind();
    }
}
