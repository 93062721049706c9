package io.slipway.validation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.api.Cluster;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slipway.validation.Fixtures.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawSpecValidatorTest {

    private static Object rawSpec(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class).getAdditionalProperties().get("spec");
    }

    private static final String HEAD = "apiVersion: slipway.io/v1alpha1\nkind: Cluster\nmetadata: {name: c}\nspec:\n";

    @Test
    void validManifestsPass() {
        for (String file : List.of("valid/full-cluster.yaml", "valid/byo-vpc-cluster.yaml")) {
            for (String doc : Manifests.documents(Manifests.resource(file))) {
                Object spec = rawSpec(doc);
                List<FieldError> errors = Manifests.kind(doc).equals("Cluster")
                        ? RawSpecValidator.validateCluster(spec) : RawSpecValidator.validateInstanceGroup(spec);
                assertThat(errors).as(file).isEmpty();
            }
        }
    }

    @Test
    void unknownEnumValueFailsTypedDeserialisationButIsReportedRaw() {
        String yaml = HEAD + "  natGateways: none\n  subnets:\n  - {name: a, zone: eu-west-1a, cidr: 10.0.0.0/24, type: Privat}\n";
        assertThatThrownBy(() -> Serialization.unmarshal(yaml, Cluster.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of the values accepted");
        List<FieldError> errors = RawSpecValidator.validateCluster(rawSpec(yaml));
        assertThat(errors).hasSize(2);
        expect(errors, "spec.natGateways", "unsupported value \"none\": must be one of PerZone, Single, None; did you mean None?");
        expect(errors, "spec.subnets[0].type", "unsupported value \"Privat\": must be one of Public, Private, Utility; did you mean Private?");
    }

    @Test
    void lowercaseJsonNamedEnumsUseTheirYamlNames() {
        String yaml = HEAD + "  topology: {nodes: Private}\n";
        expect(RawSpecValidator.validateCluster(rawSpec(yaml)), "spec.topology.nodes", "must be one of public, private; did you mean private?");
    }

    @Test
    void wrongJsonTypesThatJacksonWouldCoerce() {
        String yaml = HEAD + "  kubernetesVersion: 1.30\n  paused: \"yes\"\n  cloudLabels: {cost-center: 4711}\n  subnets: {name: a}\n";
        List<FieldError> errors = RawSpecValidator.validateCluster(rawSpec(yaml));
        assertThat(errors).hasSize(4);
        expect(errors, "spec.kubernetesVersion", "must be a string (got the number 1.3); quote it in YAML");
        expect(errors, "spec.paused", "must be true or false (got the string \"yes\")");
        expect(errors, "spec.cloudLabels[cost-center]", "must be a string (got the integer 4711)");
        expect(errors, "spec.subnets", "must be a list");
    }

    @Test
    void integerFieldsOfAnInstanceGroup() {
        String yaml = "apiVersion: slipway.io/v1alpha1\nkind: InstanceGroup\nmetadata: {name: ig}\nspec:\n"
                + "  minSize: \"3\"\n  maxSize: 2.5\n  rollingUpdate: {maxSurge: 1.5}\n";
        List<FieldError> errors = RawSpecValidator.validateInstanceGroup(rawSpec(yaml));
        assertThat(errors).hasSize(3);
        expect(errors, "spec.minSize", "must be an integer (got the string \"3\")");
        expect(errors, "spec.maxSize", "must be an integer (got the number 2.5)");
        expect(errors, "spec.rollingUpdate.maxSurge", "must be a number like 1 or a percentage like 25%");
    }

    @Test
    void unknownFieldsWithSuggestions() {
        String yaml = HEAD + "  networkCidr: 10.0.0.0/16\n  api: {loadbalancer: {type: Public}}\n";
        List<FieldError> errors = RawSpecValidator.validateCluster(rawSpec(yaml));
        assertThat(errors).hasSize(2);
        expect(errors, "spec.networkCidr", "unknown field; did you mean networkCIDR?");
        expect(errors, "spec.api.loadbalancer", "unknown field; did you mean loadBalancer?");
    }

    @Test
    void combineKeepsTheRawMessageWhereBothSpeak() {
        List<FieldError> raw = List.of(new FieldError("spec.subnets[1].type", "unsupported value \"private\""));
        List<FieldError> typed = List.of(new FieldError("spec.subnets[1].type", "required: one of Public, Private, Utility"),
                new FieldError("spec.region", "required"));
        assertThat(RawSpecValidator.combine(raw, typed)).containsExactly(raw.get(0), typed.get(1));
    }

    @Test
    void missingSpec() {
        expect(RawSpecValidator.validateCluster(null), "spec", "required");
    }
}
