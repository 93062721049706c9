package io.slipway.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.testing.OperatorHarness;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The held-out check of the two validation layers: every manifest of the invalid corpus (src/test/resources/invalid)
 * is applied with the real kubectl to the test API with admission on, as to a real management cluster. Those a
 * real API server refuses at admission (the CRD's schema or CEL rules catch them) are refused there, naming the
 * field (or its parent); the rest (CIDR arithmetic, regions and zones, supported versions, other objects) get in
 * and are refused by the operator with SpecValid=False naming every expected field, as
 * {@link InvalidSpecsAreRefusedTest} checks with admission off. A table of which layer refused each is printed.
 * <p>
 * kubectl runs with {@code --validate=false}, so that its client-side checks (which need OpenAPI) stay out of the
 * way and it sends {@code fieldValidation=Ignore}: an unknown field is pruned, not refused.
 */
class InvalidManifestsWithAdmissionTest {
    private static final Path CORPUS = Path.of("src/test/resources/invalid");
    /** The manifests a real API server refuses at admission with the generated CRDs. */
    private static final Set<String> REFUSED_AT_ADMISSION = Set.of(
            "cluster-duplicate-subnet-names", "cluster-external-id-without-role", "cluster-identity-role-and-secret",
            "cluster-malformed-kubernetes-version", "cluster-missing-required-fields", "cluster-no-network",
            "cluster-private-topology-without-utility", "cluster-rolling-update-bad-values",
            "cluster-rolling-update-cannot-progress", "cluster-subnet-type-typo", "cluster-two-cnis",
            "cluster-unknown-field", "ig-control-plane-even-members", "ig-malformed-machine-type-and-image",
            "ig-max-price-with-mixed-policy", "ig-min-size-above-max-size", "ig-missing-required-fields",
            "ig-reserved-node-labels", "ig-role-typo", "ig-root-volume-kms-unencrypted",
            "ig-root-volume-options-for-wrong-type", "ig-size-as-string", "ig-taint-without-effect");
    private static final Map<String, String> REFUSED_BY = new TreeMap<>();

    @TempDir
    static Path dir;
    private static OperatorHarness harness;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        harness = new OperatorHarness(TestReconcilers::all);
        kubectl = Kubectl.against(harness.api, dir);
    }

    @AfterAll
    static void stop() {
        harness.close();
        long atAdmission = REFUSED_BY.values().stream().filter(v -> v.startsWith("admission")).count();
        StringBuilder table = new StringBuilder(String.format("%n%-45s %s%n", "MANIFEST", "REFUSED BY"));
        REFUSED_BY.forEach((file, layer) -> table.append(String.format("%-45s %s%n", file, layer)));
        table.append(String.format("%d manifests: %d refused at admission, %d by the operator%n", REFUSED_BY.size(),
                atAdmission, REFUSED_BY.size() - atAdmission));
        System.out.println(table);
    }

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedByTheRightLayer(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> expected = Arrays.stream(text.lines().findFirst().orElseThrow().replace("# expect:", "").split(","))
                .map(String::trim).toList();
        String manifest = file.getFileName().toString().replace(".yaml", "");
        String namespace = manifest.length() > 63 ? manifest.substring(0, 63).replaceAll("-+$", "") : manifest;
        harness.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();

        Kubectl.Result applied = kubectl.run("apply", "--validate=false", "-n", namespace, "-f", file.toAbsolutePath().toString());

        if (REFUSED_AT_ADMISSION.contains(manifest)) {
            assertThat(applied.exitCode()).as("kubectl apply of %s: %s", manifest, applied.stdout()).isNotZero();
            assertThat(applied.stderr()).contains(" is invalid");
            assertThat(namesOneOf(applied.stderr(), expected)).as("%s names one of %s (or a parent)", applied.stderr(), expected)
                    .isTrue();
            REFUSED_BY.put(manifest, "admission: " + applied.stderr().strip().replaceAll("\\s*\\n\\s*", " "));
            return;
        }
        assertThat(applied.exitCode()).as("kubectl apply of %s: %s", manifest, applied.stderr()).isZero();
        String[] docs = text.split("(?m)^---\\s*$");
        String last = docs[docs.length - 1];
        Class<? extends HasMetadata> type = last.contains("kind: Cluster") ? Cluster.class : InstanceGroup.class;
        String name = Pattern.compile("(?m)^  name: (\\S+)").matcher(last).results().findFirst().orElseThrow().group(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition specValid = Conditions.get(conditions(harness.client.resources(type).inNamespace(namespace).withName(name).get()),
                    ConditionType.SPEC_VALID).orElseThrow(() -> new AssertionError("no SpecValid condition yet"));
            assertThat(specValid.status).isEqualTo("False");
            for (String path : expected) {
                assertThat(specValid.message).contains(path + ":");
            }
        });
        REFUSED_BY.put(manifest, "operator");
    }

    /** Whether the refusal names one of the expected paths or a parent of one (a CEL rule sits on the parent). */
    private static boolean namesOneOf(String refusal, List<String> expected) {
        for (String path : expected) {
            List<String> candidates = new ArrayList<>(List.of(path));
            for (int i = path.length() - 1; i > 0; i--) {
                if (path.charAt(i) == '.' || path.charAt(i) == '[') candidates.add(path.substring(0, i));
            }
            for (String candidate : candidates) {
                if (Pattern.compile("(^|[\\s\\[*])" + Pattern.quote(candidate) + ": ").matcher(refusal).find()) return true;
            }
        }
        return false;
    }

    private static List<Condition> conditions(HasMetadata resource) {
        if (resource instanceof Cluster c) {
            return c.getStatus() == null ? List.of() : c.getStatus().conditions;
        }
        InstanceGroup ig = (InstanceGroup) resource;
        return ig == null || ig.getStatus() == null ? List.of() : ig.getStatus().conditions;
    }
}
