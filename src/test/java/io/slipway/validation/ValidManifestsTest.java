package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValidManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"valid/full-cluster.yaml", "valid/public-minimal-cluster.yaml", "valid/byo-vpc-cluster.yaml"})
    void validManifestsHaveNoErrors(String file) {
        List<String> docs = Manifests.documents(Manifests.resource(file));
        assertThat(Manifests.kind(docs.get(0))).isEqualTo("Cluster");
        ClusterSpec cluster = Manifests.cluster(docs.get(0)).getSpec();
        for (String doc : docs) {
            assertThat(Manifests.validate(doc, cluster)).as(file).isEmpty();
        }
    }
}
