package io.slipway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.crd.GeneratedCrds;
import io.slipway.crd.SchemaDefaulting;
import io.slipway.model.NetworkModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator treats an absent field exactly as the CRD's default for it: an object as a real API server stores it
 * (defaults filled in) and the same object without them (stored before the schema had defaults, or served by an API
 * server that does not default) give the same validation errors and the same desired network. Run over the
 * examples, the valid and invalid manifest corpora and minimal objects that leave every defaulted field unset.
 */
class SchemaDefaultsChangeNothingTest {

    static Stream<Path> manifests() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(GeneratedCrds.projectRoot().resolve("examples/cluster.yaml"));
        for (String folder : List.of("valid", "invalid")) {
            try (Stream<Path> s = Files.list(Manifests.resource(folder))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void sameErrorsAndSameNetworkWithTheDefaultsFilledIn(Path file) {
        check(Manifests.documents(file), file.toString());
    }

    @Test
    void examplesClusterWithItsInstanceGroups() {
        List<String> docs = new ArrayList<>(Manifests.documents(GeneratedCrds.projectRoot().resolve("examples/cluster.yaml")));
        docs.addAll(Manifests.documents(GeneratedCrds.projectRoot().resolve("examples/instancegroups.yaml")));
        check(docs, "examples");
    }

    /** Nothing that has a default is set here, so every default is exercised. */
    @Test
    void minimalObjectsThatLeaveEveryDefaultedFieldUnset() {
        String cluster = """
                apiVersion: slipway.io/v1alpha1
                kind: Cluster
                metadata: {name: bare, namespace: default}
                spec:
                  kubernetesVersion: 1.31.4
                  region: eu-west-1
                  networkCIDR: 10.0.0.0/16
                  subnets:
                  - {name: a, zone: eu-west-1a, cidr: 10.0.0.0/20, type: Public}
                  - {name: b, zone: eu-west-1b, cidr: 10.0.16.0/20, type: Public}
                """;
        String privateCluster = """
                apiVersion: slipway.io/v1alpha1
                kind: Cluster
                metadata: {name: private, namespace: default}
                spec:
                  kubernetesVersion: 1.31.4
                  region: eu-west-1
                  networkCIDR: 10.0.0.0/16
                  topology: {nodes: private}
                  api: {loadBalancer: {additionalSecurityGroups: [sg-0123456789abcdef0]}}
                  rollingUpdate: {drainTimeout: 5m}
                  subnets:
                  - {name: a, zone: eu-west-1a, cidr: 10.0.0.0/20, type: Private}
                  - {name: b, zone: eu-west-1b, cidr: 10.0.16.0/20, type: Private}
                  - {name: utility-a, zone: eu-west-1a, cidr: 10.0.32.0/22, type: Utility}
                  - {name: utility-b, zone: eu-west-1b, cidr: 10.0.36.0/22, type: Utility}
                """;
        String group = """
                apiVersion: slipway.io/v1alpha1
                kind: InstanceGroup
                metadata: {name: nodes, namespace: default}
                spec: {clusterName: %s, role: Node, machineType: m6i.large, image: ami-0123456789abcdef0, minSize: 1, maxSize: 3,
                       rollingUpdate: {maxSurge: 0}, rootVolume: {size: 50, iops: 4000, throughput: 500}, instanceMetadata: {httpPutResponseHopLimit: 2}}
                """;
        check(List.of(cluster, group.formatted("bare")), "minimal public");
        check(List.of(privateCluster, group.formatted("private")), "minimal private");
    }

    /** Validates each document as stored with and without defaults; the Cluster documents come first. */
    private static void check(List<String> docs, String what) {
        ClusterSpec raw = null;
        ClusterSpec defaulted = null;
        for (String doc : docs) {
            String kind = Manifests.kind(doc);
            String crd = kind.equals("Cluster") ? GeneratedCrds.CLUSTERS : GeneratedCrds.INSTANCE_GROUPS;
            String withDefaults = SchemaDefaulting.defaulted(GeneratedCrds.parse(doc), crd).toString();
            List<FieldError> errorsRaw = Manifests.validate(doc, raw);
            List<FieldError> errorsDefaulted = Manifests.validate(withDefaults, defaulted);
            assertThat(paths(errorsDefaulted)).as("%s %s: error paths with the defaults filled in (%s) vs without (%s)",
                    what, kind, FieldError.summarize(errorsDefaulted), FieldError.summarize(errorsRaw)).isEqualTo(paths(errorsRaw));
            if (kind.equals("Cluster")) {
                Cluster rawCluster = Manifests.cluster(doc);
                Cluster defaultedCluster = Manifests.cluster(withDefaults);
                raw = rawCluster.getSpec();
                defaulted = defaultedCluster.getSpec();
                if (errorsRaw.isEmpty()) {
                    assertThat(NetworkModel.build(namespaced(defaultedCluster)).fingerprint())
                            .as("%s: desired network with the defaults filled in", what)
                            .isEqualTo(NetworkModel.build(namespaced(rawCluster)).fingerprint());
                }
            }
        }
    }

    private static Cluster namespaced(Cluster cluster) {
        if (cluster.getMetadata().getNamespace() == null) {
            cluster.getMetadata().setNamespace("default");
        }
        return cluster;
    }

    private static Set<String> paths(List<FieldError> errors) {
        return errors.stream().map(FieldError::path).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void defaultingChangesTheObjects() {
        String doc = Manifests.documents(Manifests.resource("valid/public-minimal-cluster.yaml")).get(0);
        JsonNode defaulted = SchemaDefaulting.defaulted(GeneratedCrds.parse(doc), GeneratedCrds.CLUSTERS);
        assertThat(defaulted).as("the comparison above compares different objects").isNotEqualTo(GeneratedCrds.parse(doc));
        assertThat(defaulted.at("/spec/podCIDR").asText()).isEqualTo(io.slipway.api.SpecDefaults.POD_CIDR);
    }
}
