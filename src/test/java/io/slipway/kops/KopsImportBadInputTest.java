package io.slipway.kops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Input that cannot be converted (exit 2, nothing on stdout) and kops objects Slipway refuses (exit 1), each with its message. */
class KopsImportBadInputTest {
    private static final String CLUSTER = """
            apiVersion: kops.k8s.io/v1alpha2
            kind: Cluster
            metadata:
              name: one.example.com
            spec:
              kubernetesVersion: 1.32.4
              networkCIDR: 172.20.0.0/16
              subnets:
              - cidr: 172.20.32.0/19
                name: eu-west-1a
                type: Public
                zone: eu-west-1a
            """;

    @TempDir
    Path dir;

    @Test
    void anEmptyFileHasNoCluster() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");

        KopsImportRun run = KopsImportRun.of("", empty.toString());

        assertUnreadable(run, "kops-import: " + empty + ": the input holds no kops objects: expected a kops Cluster and its InstanceGroups");
    }

    @Test
    void onlyCommentsAndSeparatorsAreEmptyToo() {
        assertUnreadable(KopsImportRun.of("# kops get all -o yaml\n---\n---\n", "-"),
                "kops-import: <stdin>: the input holds no kops objects: expected a kops Cluster and its InstanceGroups");
    }

    @Test
    void notYamlNamesTheDocumentAndLine() {
        String text = CLUSTER + "---\napiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nspec:\n  subnets: [eu-west-1a\n";

        assertUnreadable(KopsImportRun.of(text, "-"), "kops-import: <stdin>: document 2 (line 17, column 23): not YAML: while parsing a flow sequence;"
                + " expected ',' or ']', but got <stream end>");
    }

    @Test
    void plainTextIsNotAKopsObject() {
        assertUnreadable(KopsImportRun.of("kops state store backup, see the wiki\n", "-"),
                "kops-import: <stdin>: document 1 (line 1): not a kops object but the text \"kops state store backup, see the wiki\";"
                        + " expected the output of kops get cluster -o yaml and kops get ig -o yaml");
    }

    @Test
    void twoClustersAreRefused() {
        String text = CLUSTER + "---\n" + CLUSTER.replace("one.example.com", "two.example.com");

        assertUnreadable(KopsImportRun.of(text, "-"), "kops-import: <stdin>: document 2 (line 14): a second Cluster (two.example.com);"
                + " document 1 (line 1) is Cluster one.example.com. Convert one Cluster and its InstanceGroups at a time");
    }

    @Test
    void anInstanceGroupOfAnotherClusterIsRefused() {
        String text = CLUSTER + """
                ---
                # a group of another cluster, pasted in by mistake
                apiVersion: kops.k8s.io/v1alpha2
                kind: InstanceGroup
                metadata:
                  labels:
                    kops.k8s.io/cluster: other.example.com
                  name: nodes
                spec:
                  role: Node
                """;

        assertUnreadable(KopsImportRun.of(text, "-"), "kops-import: <stdin>: document 2 (line 15): InstanceGroup nodes belongs to cluster"
                + " other.example.com (label kops.k8s.io/cluster), not to one.example.com of document 1 (line 1)");
    }

    @Test
    void instanceGroupsWithoutTheirClusterAreRefused() {
        String text = """
                apiVersion: kops.k8s.io/v1alpha2
                kind: InstanceGroup
                metadata:
                  name: nodes
                spec:
                  role: Node
                """;

        assertUnreadable(KopsImportRun.of(text, "-"), "kops-import: <stdin>: no kops Cluster among the 1 documents: the Cluster is needed for"
                + " its InstanceGroups (kops get cluster NAME -o yaml)");
    }

    @Test
    void anotherApiVersionIsRefused() {
        String text = CLUSTER.replace("kops.k8s.io/v1alpha2", "kops.k8s.io/v1alpha3");

        assertUnreadable(KopsImportRun.of(text, "-"), "kops-import: <stdin>: document 1 (line 1): apiVersion \"kops.k8s.io/v1alpha3\" is not"
                + " kops.k8s.io/v1alpha2, which kops get cluster -o yaml and kops get ig -o yaml write");
    }

    @Test
    void aMissingFileAndABadOptionAreExitCode2() {
        assertUnreadable(KopsImportRun.of("", dir.resolve("nope.yaml").toString()), "kops-import: " + dir.resolve("nope.yaml") + ": no such file");
        assertUnreadable(KopsImportRun.of("", "--zone", "x"), "kops-import: unknown option --zone\n" + KopsImportCommand.USAGE);
        assertUnreadable(KopsImportRun.of("", "--namespace"), "kops-import: --namespace needs a value\n" + KopsImportCommand.USAGE);
    }

    @Test
    void unknownAndApiServerRolesLeaveTheGroupOutAndTheResultInvalid() {
        String text = CLUSTER + """
                ---
                apiVersion: kops.k8s.io/v1alpha2
                kind: InstanceGroup
                metadata:
                  name: apiservers
                spec:
                  image: ami-0123456789abcdef0
                  machineType: m6i.large
                  maxSize: 2
                  minSize: 2
                  role: APIServer
                ---
                apiVersion: kops.k8s.io/v1alpha2
                kind: InstanceGroup
                metadata:
                  name: workers
                spec:
                  image: ami-0123456789abcdef0
                  machineType: m6i.large
                  maxSize: 2
                  minSize: 2
                  role: Worker
                """;

        KopsImportRun run = KopsImportRun.of(text, "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("""
                invalid: InstanceGroup/apiservers spec.role: APIServer groups (kube-apiserver without etcd) have no Slipway equivalent: \
                Slipway runs the API server on the ControlPlane group; the group is left out
                invalid: InstanceGroup/workers spec.role: "Worker" is not a kops role (Master, ControlPlane, Node, Bastion, APIServer); \
                the group is left out
                kops-import: converted kops cluster one.example.com to Cluster one and 0 InstanceGroups; 0 not carried over; \
                INVALID, Slipway would refuse it: 2 errors
                """);
        assertThat(SlipwayOutput.documents(run.stdout())).extracting(d -> d.path("kind").asText()).containsExactly("Cluster");
        assertThat(SlipwayOutput.validationErrors(run.stdout())).isEmpty();
    }

    @Test
    void aGceClusterIsConvertedAsFarAsItGoesAndRefused() {
        String text = """
                apiVersion: kops.k8s.io/v1alpha2
                kind: Cluster
                metadata:
                  name: gce.example.com
                spec:
                  cloudProvider: gce
                  kubernetesVersion: 1.32.4
                  project: my-gcp-project
                  subnets:
                  - name: us-central1
                    region: us-central1
                    type: Public
                ---
                apiVersion: kops.k8s.io/v1alpha2
                kind: InstanceGroup
                metadata:
                  labels:
                    kops.k8s.io/cluster: gce.example.com
                  name: nodes-us-central1-a
                spec:
                  image: ubuntu-os-cloud/ubuntu-2404-noble-amd64-v20250130
                  machineType: e2-medium
                  maxSize: 2
                  minSize: 2
                  role: Node
                  subnets:
                  - us-central1
                  zones:
                  - us-central1-a
                """;

        KopsImportRun run = KopsImportRun.of(text, "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines().findFirst()).hasValue(
                "not carried over: Cluster/gce.example.com spec.cloudProvider: Slipway builds clusters on AWS only, not on gce");
        assertThat(run.stderr()).contains(
                "not carried over: Cluster/gce.example.com spec.project: Slipway has no such setting\n",
                "invalid: Cluster/gce spec.region: required (AWS region of the cluster, e.g. eu-west-1. Immutable)\n",
                "invalid: InstanceGroup/nodes-us-central1-a spec.machineType: must be an EC2 instance type like m6i.large (got \"e2-medium\")\n");
        assertThat(run.stderr().lines().reduce((a, b) -> b)).hasValue(
                "kops-import: converted kops cluster gce.example.com to Cluster gce and 1 InstanceGroup; 4 not carried over;"
                        + " INVALID, Slipway would refuse it: 6 errors");
    }

    private static void assertUnreadable(KopsImportRun run, String message) {
        assertThat(run.stderr()).isEqualTo(message + "\n");
        assertThat(run.stdout()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
