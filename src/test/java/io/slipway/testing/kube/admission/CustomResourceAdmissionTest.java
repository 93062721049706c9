package io.slipway.testing.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slipway.testing.kube.GeneratedCrds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Admission of custom resources against the project's CRDs (crds/) and small CRDs written here for what the
 * project's CRDs do not use; the expected messages are the API server's.
 */
class CustomResourceAdmissionTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final CustomResourceType CLUSTER = type(GeneratedCrds.CLUSTERS);
    private static final CustomResourceType INSTANCE_GROUP = type(GeneratedCrds.INSTANCE_GROUPS);
    private static final Map<String, String> NO_QUERY = Map.of();

    private final CustomResourceAdmission admission = new CustomResourceAdmission();

    @Nested
    class Schema {
        @Test
        void theExamplesAreAdmittedAndDefaulted() {
            Admitted admitted = admission.create(CLUSTER, example("cluster.yaml", 0), NO_QUERY);
            assertThat(admitted.warnings()).isEmpty();
            JsonNode spec = admitted.object().get("spec");
            assertThat(spec.at("/api/loadBalancer/crossZoneLoadBalancing").asBoolean()).isTrue();
            assertThat(spec.at("/natGateways").asText()).isEqualTo("PerZone");

            Admitted nodes = admission.create(INSTANCE_GROUP, example("instancegroups.yaml", 3), NO_QUERY);
            assertThat(nodes.object().at("/spec/rootVolume/encrypted").asBoolean()).isTrue();
        }

        @Test
        void defaultsFillWhatIsAbsentAndKeepWhatIsSet() {
            ObjectNode ig = example("instancegroups.yaml", 3);
            ((ObjectNode) ig.at("/spec/rootVolume")).remove("type");
            ((ObjectNode) ig.get("spec")).putObject("instanceMetadata");
            JsonNode admitted = admission.create(INSTANCE_GROUP, ig, NO_QUERY).object();
            assertThat(admitted.at("/spec/rootVolume/type").asText()).isEqualTo("gp3");
            assertThat(admitted.at("/spec/instanceMetadata/httpTokens").asText()).isEqualTo("required");
            assertThat(admitted.at("/spec/rootVolume/encrypted").asBoolean()).isTrue();

            ObjectNode kept = example("instancegroups.yaml", 3);
            ((ObjectNode) kept.at("/spec/rootVolume")).put("type", "io2").put("encrypted", false);
            JsonNode admittedKept = admission.create(INSTANCE_GROUP, kept, NO_QUERY).object();
            assertThat(admittedKept.at("/spec/rootVolume/type").asText()).isEqualTo("io2");
            assertThat(admittedKept.at("/spec/rootVolume/encrypted").asBoolean()).isFalse();
        }

        @Test
        void missingRequiredFieldsAreNamedAndTheRulesLeftUnchecked() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).remove(List.of("region", "kubernetesVersion"));
            AdmissionException refusal = refused(() -> admission.create(CLUSTER, cluster, NO_QUERY));
            assertThat(refusal.code()).isEqualTo(422);
            assertThat(refusal.getMessage()).isEqualTo("Cluster.slipway.io \"demo\" is invalid: ["
                    + "spec.kubernetesVersion: Required value, spec.region: Required value, <nil>: Invalid value: \"null\": "
                    + "some validation rules were not checked because the object was invalid; correct the existing errors "
                    + "to complete validation]");
            JsonNode status = refusal.status();
            assertThat(status.get("kind").asText()).isEqualTo("Status");
            assertThat(status.get("reason").asText()).isEqualTo("Invalid");
            assertThat(status.get("code").asInt()).isEqualTo(422);
            assertThat(status.at("/details/name").asText()).isEqualTo("demo");
            assertThat(status.at("/details/group").asText()).isEqualTo("slipway.io");
            assertThat(status.at("/details/kind").asText()).isEqualTo("Cluster");
            assertThat(status.at("/details/causes/1").toString()).isEqualTo(
                    "{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"spec.region\"}");
        }

        @Test
        void wrongTypesSayWhatWasExpected() {
            ObjectNode ig = example("instancegroups.yaml", 3);
            ((ObjectNode) ig.get("spec")).put("minSize", "two");
            ((ObjectNode) ig.get("spec")).put("subnets", "us-east-1a");
            assertThat(errors(() -> admission.create(INSTANCE_GROUP, ig, NO_QUERY))).contains(
                    "spec.minSize: Invalid value: \"string\": spec.minSize in body must be of type integer: \"string\"",
                    "spec.subnets: Invalid value: \"string\": spec.subnets in body must be of type array: \"string\"");

            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).putObject("networking").put("cni", "cilium");
            assertThat(errors(() -> admission.create(CLUSTER, cluster, NO_QUERY))).contains(
                    "spec.networking.cni: Invalid value: \"string\": spec.networking.cni in body must be of type object: \"string\"");
        }

        @Test
        void enumsPatternsAndBounds() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ObjectNode spec = (ObjectNode) cluster.get("spec");
            ((ObjectNode) spec.at("/subnets/0")).put("type", "Privat").put("name", "x".repeat(64));
            spec.put("region", "Europe");
            spec.putObject("topology").putObject("bastion").put("idleTimeoutSeconds", 5000);
            ObjectNode policies = spec.putObject("iam").putObject("additionalPolicies");
            List.of("controlPlane", "node", "bastion", "other").forEach(k -> policies.put(k, "[]"));
            assertThat(errors(() -> admission.create(CLUSTER, cluster, NO_QUERY))).contains(
                    "spec.subnets[0].type: Unsupported value: \"Privat\": supported values: \"Private\", \"Public\", \"Utility\"",
                    "spec.subnets[0].name: Too long: may not be more than 63 bytes",
                    "spec.region: Invalid value: \"Europe\": spec.region in body should match '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$'",
                    "spec.topology.bastion.idleTimeoutSeconds: Invalid value: 5000: spec.topology.bastion.idleTimeoutSeconds "
                            + "in body should be less than or equal to 4000",
                    "spec.iam.additionalPolicies: Too many: 4: must have at most 3 items");
        }

        @Test
        void listBounds() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).putArray("subnets");
            assertThat(errors(() -> admission.create(CLUSTER, cluster, NO_QUERY))).containsExactly(
                    "spec.subnets: Invalid value: 0: spec.subnets in body should have at least 1 items",
                    // subnets is empty, so the private topology rules fail too
                    "spec.subnets: Invalid value: \"object\": private node topology needs at least one Private subnet",
                    "spec.subnets: Invalid value: \"object\": private node topology needs Utility subnets for load balancers and NAT");

            ObjectNode many = example("cluster.yaml", 0);
            var subnets = (com.fasterxml.jackson.databind.node.ArrayNode) many.at("/spec/subnets");
            for (int i = 0; i < 60; i++) subnets.add(((ObjectNode) subnets.get(0).deepCopy()).put("name", "s" + i));
            assertThat(errors(() -> admission.create(CLUSTER, many, NO_QUERY)))
                    .contains("spec.subnets: Too many: 66: must have at most 64 items");
        }

        @Test
        void intOrStringTakesBothAndNothingElse() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).putObject("rollingUpdate").put("maxSurge", "25%").put("maxUnavailable", 1);
            admission.create(CLUSTER, cluster, NO_QUERY);

            ObjectNode wrong = example("cluster.yaml", 0);
            ((ObjectNode) wrong.get("spec")).putObject("rollingUpdate").put("maxSurge", true);
            assertThat(errors(() -> admission.create(CLUSTER, wrong, NO_QUERY))).contains(
                    "spec.rollingUpdate.maxSurge: Invalid value: \"boolean\": spec.rollingUpdate.maxSurge in body must be of "
                            + "type integer,string: \"boolean\"");
        }
    }

    @Nested
    class Pruning {
        @Test
        void unknownFieldsArePrunedWithAWarningByDefault() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).put("networkCidr", "10.0.0.0/16");
            ((ObjectNode) cluster.at("/spec/subnets/1")).put("az", "us-east-1b");
            Admitted admitted = admission.create(CLUSTER, cluster, NO_QUERY);
            assertThat(admitted.object().get("spec").has("networkCidr")).isFalse();
            assertThat(admitted.object().at("/spec/subnets/1").has("az")).isFalse();
            assertThat(admitted.warnings())
                    .containsExactlyInAnyOrder("unknown field \"spec.networkCidr\"", "unknown field \"spec.subnets[1].az\"");
            assertThat(admitted.warningHeaders()).contains("299 - \"unknown field \\\"spec.networkCidr\\\"\"");
        }

        @Test
        void ignoreIsSilentAndStrictRefuses() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).put("networkCidr", "10.0.0.0/16");
            assertThat(admission.create(CLUSTER, cluster.deepCopy(), Map.of("fieldValidation", "Ignore")).warnings()).isEmpty();

            AdmissionException refusal = refused(() -> admission.create(CLUSTER, cluster, Map.of("fieldValidation", "Strict")));
            assertThat(refusal.code()).isEqualTo(400);
            assertThat(refusal.status().get("reason").asText()).isEqualTo("BadRequest");
            assertThat(refusal.getMessage()).isEqualTo("Cluster in version \"v1alpha1\" cannot be handled as a Cluster: "
                    + "strict decoding error: unknown field \"spec.networkCidr\"");
        }

        @Test
        void nullsOfFieldsThatAreNotNullableAreDropped() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).putNull("sshKeyName").putNull("natGateways");
            JsonNode spec = admission.create(CLUSTER, cluster, NO_QUERY).object().get("spec");
            assertThat(spec.has("sshKeyName")).isFalse();
            assertThat(spec.get("natGateways").asText()).as("then defaulted").isEqualTo("PerZone");
        }
    }

    @Nested
    class Rules {
        @Test
        void aFailingRuleIsReportedAtItsFieldPathWithItsReason() {
            ObjectNode cluster = example("cluster.yaml", 0);
            ((ObjectNode) cluster.get("spec")).remove("networkCIDR");
            ((ObjectNode) cluster.get("spec")).putObject("identity").put("externalID", "x");
            assertThat(errors(() -> admission.create(CLUSTER, cluster, NO_QUERY))).containsExactly(
                    "spec.networkCIDR: Required value: networkCIDR is required unless networkID names an existing VPC",
                    "spec.identity.externalID: Invalid value: \"object\": externalID needs roleARN");
        }

        @Test
        void rulesSeeDefaults() {
            ObjectNode ig = example("instancegroups.yaml", 3);
            ((ObjectNode) ig.at("/spec/rootVolume")).remove("type");
            ((ObjectNode) ig.at("/spec/rootVolume")).put("throughput", 500);
            admission.create(INSTANCE_GROUP, ig, NO_QUERY);

            ((ObjectNode) ig.at("/spec/rootVolume")).put("type", "gp2");
            assertThat(errors(() -> admission.create(INSTANCE_GROUP, ig, NO_QUERY)))
                    .containsExactly("spec.rootVolume.throughput: Invalid value: \"object\": throughput applies to gp3 volumes");
        }

        @Test
        void transitionRulesRunOnUpdateOnly() {
            ObjectNode stored = admission.create(CLUSTER, example("cluster.yaml", 0), NO_QUERY).object();
            stored.putObject("status").putObject("applied").put("region", "us-east-1"); // the operator applied it
            ObjectNode moved = stored.deepCopy();
            ((ObjectNode) moved.get("spec")).put("region", "eu-west-1");
            admission.create(CLUSTER, moved.deepCopy(), NO_QUERY);
            assertThat(errors(() -> admission.update(CLUSTER, null, moved, stored, NO_QUERY)))
                    .containsExactly("spec.region: Forbidden: region is immutable");

            ObjectNode renumbered = stored.deepCopy();
            ((ObjectNode) renumbered.get("spec")).put("networkCIDR", "10.1.0.0/16");
            assertThat(errors(() -> admission.update(CLUSTER, null, renumbered, stored, NO_QUERY)))
                    .contains("spec.networkCIDR: Forbidden: networkCIDR is immutable");
        }

        @Test
        void messageExpressionsListTypesAndRootRules() {
            CustomResourceType widget = widgetType();
            ObjectNode ok = json("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
                    + "\"spec\":{\"size\":3,\"tags\":[\"a\",\"b\"],\"ports\":[{\"name\":\"http\",\"port\":80}]}}");
            admission.create(widget, ok.deepCopy(), NO_QUERY);

            ObjectNode bad = json("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"Bad.Name\"},"
                    + "\"spec\":{\"size\":4,\"tags\":[\"a\",\"a\"],\"ports\":[{\"name\":\"http\",\"port\":80},{\"name\":\"http\",\"port\":81}]}}");
            assertThat(errors(() -> admission.create(widget, bad, NO_QUERY))).containsExactly(
                    "spec.tags[1]: Duplicate value: \"a\"",
                    "spec.ports[1]: Duplicate value: {\"name\":\"http\"}",
                    "metadata.name: Invalid value: \"object\": name must be lowercase",
                    "spec.size: Invalid value: \"object\": size 4 is not odd",
                    "spec: Invalid value: \"object\": failed rule: self.size < 4");
        }
    }

    @Nested
    class Updates {
        /** Validation ratcheting: errors of values an update leaves unchanged do not count. */
        @Test
        void anObjectStoredInvalidCanBeUpdatedAroundItsInvalidValue() {
            ObjectNode invalid = example("instancegroups.yaml", 3);
            ((ObjectNode) invalid.get("spec")).put("role", "Worker");
            admission.setValidation(false);
            ObjectNode stored = admission.create(INSTANCE_GROUP, invalid, NO_QUERY).object();
            admission.setValidation(true);

            ObjectNode withStatus = stored.deepCopy();
            withStatus.putObject("status").put("readyReplicas", 1);
            assertThat(admission.update(INSTANCE_GROUP, "status", withStatus, stored, NO_QUERY).object()
                    .at("/status/readyReplicas").asInt()).isEqualTo(1);
            ObjectNode resized = stored.deepCopy();
            ((ObjectNode) resized.get("spec")).put("maxSize", 7);
            admission.update(INSTANCE_GROUP, null, resized, stored, NO_QUERY);

            ObjectNode badStatus = stored.deepCopy();
            badStatus.putObject("status").put("readyReplicas", "one");
            assertThat(errors(() -> admission.update(INSTANCE_GROUP, "status", badStatus, stored, NO_QUERY))).contains(
                    "status.readyReplicas: Invalid value: \"string\": status.readyReplicas in body must be of type integer: \"string\"");
            ObjectNode otherRole = stored.deepCopy();
            ((ObjectNode) otherRole.get("spec")).put("role", "Master");
            assertThat(errors(() -> admission.update(INSTANCE_GROUP, null, otherRole, stored, NO_QUERY))).contains(
                    "spec.role: Unsupported value: \"Master\": supported values: \"Bastion\", \"ControlPlane\", \"Node\"");
        }

        @Test
        void theMainResourceKeepsTheStoredStatusAndTheStatusSubresourceTheStoredSpec() {
            ObjectNode stored = admission.create(INSTANCE_GROUP, example("instancegroups.yaml", 3), NO_QUERY).object();
            stored.putObject("status").put("readyReplicas", 2);

            ObjectNode main = stored.deepCopy();
            ((ObjectNode) main.get("spec")).put("maxSize", 7);
            main.putObject("status").put("readyReplicas", 5);
            JsonNode admittedMain = admission.update(INSTANCE_GROUP, null, main, stored, NO_QUERY).object();
            assertThat(admittedMain.at("/spec/maxSize").asInt()).isEqualTo(7);
            assertThat(admittedMain.at("/status/readyReplicas").asInt()).isEqualTo(2);

            ObjectNode status = stored.deepCopy();
            ((ObjectNode) status.get("spec")).put("maxSize", 9);
            status.putObject("status").put("readyReplicas", 3);
            JsonNode admittedStatus = admission.update(INSTANCE_GROUP, "status", status, stored, NO_QUERY).object();
            assertThat(admittedStatus.at("/spec/maxSize").asInt()).isEqualTo(6);
            assertThat(admittedStatus.at("/status/readyReplicas").asInt()).isEqualTo(3);
        }

        @Test
        void withValidationOffAnythingIsStoredPrunedAndDefaulted() {
            admission.setValidation(false);
            ObjectNode ig = example("instancegroups.yaml", 3);
            ((ObjectNode) ig.get("spec")).put("subnets", "us-east-1a").put("role", "Worker").put("extra", 1);
            ((ObjectNode) ig.at("/spec/rootVolume")).remove("type");
            JsonNode stored = admission.create(INSTANCE_GROUP, ig, NO_QUERY).object();
            assertThat(stored.at("/spec/subnets").asText()).isEqualTo("us-east-1a");
            assertThat(stored.at("/spec/role").asText()).isEqualTo("Worker");
            assertThat(stored.at("/spec").has("extra")).isFalse();
            assertThat(stored.at("/spec/rootVolume/type").asText()).isEqualTo("gp3");
        }
    }

    @Test
    void fieldErrorsPrintAsGoDoes() {
        assertThat(FieldError.required("spec.region", "").toString()).isEqualTo("spec.region: Required value");
        assertThat(FieldError.invalid("spec.x", "a\"b", "bad").toString()).isEqualTo("spec.x: Invalid value: \"a\\\"b\": bad");
        assertThat(FieldError.invalid(FieldError.NO_FIELD, null, "d").toString()).isEqualTo("<nil>: Invalid value: \"null\": d");
        assertThat(FieldError.invalid("spec.x", 1.5, "d").toString()).isEqualTo("spec.x: Invalid value: 1.5: d");
        assertThat(FieldError.forbidden("spec.x", "no").toString()).isEqualTo("spec.x: Forbidden: no");
    }

    private static CustomResourceType widgetType() {
        return CustomResourceType.of(yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        x-kubernetes-validations:
                        - rule: "self.metadata.name == self.metadata.name.lowerAscii()"
                          fieldPath: .metadata.name
                          message: name must be lowercase
                        properties:
                          spec:
                            type: object
                            x-kubernetes-validations:
                            - rule: "self.size % 2 == 1"
                              fieldPath: .size
                              messageExpression: "'size ' + string(self.size) + ' is not odd'"
                              message: size must be odd
                            - rule: "self.size < 4"
                            properties:
                              size: {type: integer}
                              tags:
                                type: array
                                x-kubernetes-list-type: set
                                items: {type: string}
                              ports:
                                type: array
                                x-kubernetes-list-type: map
                                x-kubernetes-list-map-keys: [name]
                                items:
                                  type: object
                                  required: [name]
                                  properties:
                                    name: {type: string}
                                    port: {type: integer}
                """), "v1");
    }

    private static AdmissionException refused(Runnable request) {
        AdmissionException refusal = catchThrowableOfType(AdmissionException.class, request::run);
        assertThat(refusal).as("refused").isNotNull();
        return refusal;
    }

    /** The field errors of a refusal, as the causes of its Status say them. */
    private static List<String> errors(Runnable request) {
        AdmissionException refusal = refused(request);
        assertThat(refusal.code()).isEqualTo(422);
        return java.util.stream.StreamSupport.stream(refusal.status().at("/details/causes").spliterator(), false)
                .map(c -> c.get("field").asText() + ": " + c.get("message").asText()).toList();
    }

    private static CustomResourceType type(String crd) {
        return CustomResourceType.of(yaml(read(GeneratedCrds.file(crd))), "v1alpha1");
    }

    private static ObjectNode example(String file, int document) {
        String text = read(Path.of("examples", file));
        String doc = text.split("(?m)^---\\s*$")[document];
        return (ObjectNode) yaml(doc);
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) yaml(text);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
