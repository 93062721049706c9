package io.slipway.validation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads manifests the way the operator receives them (Fabric8's Serialization) and validates them as the
 * controller would: raw shape first, then the typed validators when deserialisation succeeds.
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

    /**
     * The mapper the operator should give its Kubernetes client: unknown enum values become null and unknown
     * fields are dropped, so one bad manifest cannot stop an informer; the raw check reports what was lost.
     */
    static final KubernetesSerialization LENIENT = new KubernetesSerialization(new ObjectMapper()
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false), true);

    static Cluster cluster(String yaml) {
        return Serialization.unmarshal(yaml, Cluster.class);
    }

    static InstanceGroup instanceGroup(String yaml) {
        return Serialization.unmarshal(yaml, InstanceGroup.class);
    }

    /** Errors of one document read with {@link #LENIENT}, raw and typed combined as the controller would. */
    static List<FieldError> validateLeniently(String yaml, ClusterSpec cluster) {
        GenericKubernetesResource raw = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        Object rawSpec = raw.getAdditionalProperties().get("spec");
        return switch (raw.getKind()) {
            case "Cluster" -> RawSpecValidator.combine(RawSpecValidator.validateCluster(rawSpec),
                    ClusterSpecValidator.validate(LENIENT.unmarshal(yaml, Cluster.class).getSpec()));
            case "InstanceGroup" -> RawSpecValidator.combine(RawSpecValidator.validateInstanceGroup(rawSpec),
                    InstanceGroupSpecValidator.validate(LENIENT.unmarshal(yaml, InstanceGroup.class).getSpec(), cluster));
            default -> throw new IllegalArgumentException("unexpected kind " + raw.getKind());
        };
    }

    static String kind(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class).getKind();
    }

    /**
     * Errors of one document. {@code cluster} is the Cluster an InstanceGroup refers to (null when unknown).
     * When typed deserialisation throws (e.g. on an unknown enum value) only the raw check can speak.
     */
    static List<FieldError> validate(String yaml, ClusterSpec cluster) {
        GenericKubernetesResource raw = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        Object rawSpec = raw.getAdditionalProperties().get("spec");
        List<FieldError> errors = new ArrayList<>();
        switch (raw.getKind()) {
            case "Cluster" -> {
                errors.addAll(RawSpecValidator.validateCluster(rawSpec));
                try {
                    return RawSpecValidator.combine(errors, ClusterSpecValidator.validate(cluster(yaml).getSpec()));
                } catch (IllegalArgumentException notDeserialisable) {
                    // reported by the raw check
                }
            }
            case "InstanceGroup" -> {
                errors.addAll(RawSpecValidator.validateInstanceGroup(rawSpec));
                try {
                    return RawSpecValidator.combine(errors, InstanceGroupSpecValidator.validate(instanceGroup(yaml).getSpec(), cluster));
                } catch (IllegalArgumentException notDeserialisable) {
                    // reported by the raw check
                }
            }
            default -> throw new IllegalArgumentException("unexpected kind " + raw.getKind());
        }
        return errors;
    }
}
