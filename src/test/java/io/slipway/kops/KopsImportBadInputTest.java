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
        assertUnreadable(KopsImportRun.of("", "-n", "Team_A"), "kops-import: namespace \"Team_A\" is not a DNS label (a-z, 0-9 and '-',"
                + " at most 63 characters)\n" + KopsImportCommand.USAGE);
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
                "invalid: Cluster/gce spec.region: required (AWS region of the cluster, e.g. eu-west-1. Immutable once the operator has applied it (status.applied))\n",
                "invalid: InstanceGroup/nodes-us-central1-a spec.machineType: must be an EC2 instance type like m6i.large (got \"e2-medium\")\n");
        assertThat(run.stderr().lines().reduce((a, b) -> b)).hasValue(
                "kops-import: converted kops cluster gce.example.com to Cluster gce and 1 InstanceGroup; 4 not carried over;"
                        + " INVALID, Slipway would refuse it: 6 errors");
    }

    @Test
    void valuesOfTheWrongTypeAreReportedNotGuessed() {
        String text = """
                apiVersion: kops.k8s.io/v1alpha2
                kind: Cluster
                metadata:
                  name: w.example.com
                spec:
                  kubernetesVersion: [1, 2]
                  subnets:
                  - 42
                  - name: a
                    zone: eu-west-1a
                    cidr: {x: 1}
                    type: Public
                  topology: public
                  networking: cilium
                  api:
                    loadBalancer:
                      crossZoneLoadBalancing: "yes"
                      additionalSecurityGroups: sg-1
                  additionalPolicies:
                    master: [1]
                  cloudLabels:
                    a: {b: c}
                  rollingUpdate:
                    maxSurge: [1]
                ---
                apiVersion: kops.k8s.io/v1alpha2
                kind: InstanceGroup
                metadata:
                  name: ig
                spec: {}
                ---
                apiVersion: kops.k8s.io/v1alpha2
                kind: InstanceGroup
                metadata:
                  name: ig2
                spec:
                  role: Node
                  minSize: two
                  maxSize: 3.5
                  taints: nope
                  mixedInstancesPolicy: []
                  rootVolume:
                    size: "12"
                ---
                apiVersion: kops.k8s.io/v1alpha2
                kind: Keyset
                metadata:
                  name: kubernetes-ca
                spec: {}
                """;

        KopsImportRun run = KopsImportRun.of(text, "-");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(
                "not carried over: Cluster/w.example.com spec.kubernetesVersion: expected a text value, got array\n",
                "not carried over: Cluster/w.example.com spec.subnets[0]: expected an object, got number\n",
                "not carried over: Cluster/w.example.com spec.api.loadBalancer.crossZoneLoadBalancing: expected true or false, got \"yes\"\n",
                "not carried over: Cluster/w.example.com spec.rollingUpdate.maxSurge: expected a number or a percentage, got [1]\n",
                "not carried over: Keyset/kubernetes-ca document 4 (line 45): Slipway has no Keyset; only Cluster and InstanceGroup convert\n",
                "not carried over: InstanceGroup/ig2 spec.minSize: expected a whole number, got \"two\"\n",
                "invalid: InstanceGroup/ig spec.role: the group has no role; kops' roles are Master, ControlPlane, Node, Bastion and APIServer;"
                        + " the group is left out\n",
                "invalid: InstanceGroup/ig2 spec.minSize: required");
        assertThat(SlipwayOutput.documents(run.stdout())).extracting(d -> d.path("metadata").path("name").asText()).containsExactly("w", "ig2");
    }

    @Test
    void aSpecThatIsNotAnObjectIsUnreadable() {
        assertUnreadable(KopsImportRun.of(CLUSTER.replaceAll("(?s)spec:.*", "spec: hello\n"), "-"),
                "kops-import: <stdin>: document 1 (line 1): the spec of Cluster one.example.com is not an object");
    }

    private static void assertUnreadable(KopsImportRun run, String message) {
        assertThat(run.stderr()).isEqualTo(message + "\n");
        assertThat(run.stdout()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
