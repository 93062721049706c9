package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fresh copies of the valid specs in valid/full-cluster.yaml, to break one thing at a time. */
final class Fixtures {
    private static final List<String> FULL = Manifests.documents(Manifests.resource("valid/full-cluster.yaml"));

    private Fixtures() {
    }

    static ClusterSpec cluster() {
        return Manifests.cluster(FULL.get(0)).getSpec();
    }

    static InstanceGroupSpec controlPlane() {
        return Manifests.instanceGroup(FULL.get(1)).getSpec();
    }

    static InstanceGroupSpec nodes() {
        return Manifests.instanceGroup(FULL.get(2)).getSpec();
    }

    static InstanceGroupSpec bastion() {
        return Manifests.instanceGroup(FULL.get(3)).getSpec();
    }

    /** Asserts that every error is at {@code path} and that one of them contains {@code fragment}. */
    static void expectOnly(List<FieldError> errors, String path, String fragment) {
        assertThat(errors).as("errors").isNotEmpty();
        assertThat(errors).as("errors").allSatisfy(e -> assertThat(e.path()).isEqualTo(path));
        expect(errors, path, fragment);
    }

    /** Asserts that one error is at {@code path} and contains {@code fragment}. */
    static void expect(List<FieldError> errors, String path, String fragment) {
        assertThat(errors).as("errors").anySatisfy(e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.message()).contains(fragment);
        });
    }
}
