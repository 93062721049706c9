package io.slipway.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.slipway.controller.TolerantDeserialization;
import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.api.InstanceGroup;
import io.slipway.aws.AwsCallMetrics;
import io.slipway.testing.MalformedObjects;
import io.slipway.testing.MotoServer;
import io.slipway.testing.OperatorProcess;
import io.slipway.testing.PrometheusSamples;
import io.slipway.testing.kube.GeneratedCrds;
import io.slipway.testing.kube.KubeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged operator (target/quarkus-app, as {@code java -jar} runs it and as {@code hack/local.sh} starts it)
 * against the test Kubernetes API and moto: health, reconciling examples/, and both metric families on /q/metrics.
 * Prints (never asserts) its start time and memory. The operator's log stays in target/packaged-operator-it/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedOperatorIT {
    private static final Path WORK = Path.of("target", "packaged-operator-it");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Kept as a field (JUL holds loggers weakly): the client's notice about v1alpha1 says nothing new in a test.
    private static final Logger VERSION_USAGE_LOG =
            Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils");

    private static final String MALFORMED_GROUP = """
            apiVersion: slipway.io/v1alpha1
            kind: InstanceGroup
            metadata:
              name: malformed
              namespace: default
            spec:
              clusterName: demo
              role: Node
              machineType: m6i.large
              image: ami-0123456789abcdef0
              minSize: two
              maxSize: 3
            """;

    private KubeApiServer api;
    private OperatorProcess operator;
    private Duration readyAfter;
    private Duration firstReconcileAfter;
    private Long rssAfterFirstReconcileKiB;

    @BeforeAll
    void startOperator() throws IOException {
        VERSION_USAGE_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(WORK);
        api = KubeApiServer.start();
        Path kubeconfig = api.writeKubeconfig(WORK.resolve("kubeconfig").toAbsolutePath());
        GeneratedCrds.install(api.client()); // before the operator starts, as on a real cluster
        MotoServer moto = MotoServer.get();
        moto.reset();

        operator = OperatorProcess.start(kubeconfig, moto.endpoint(), WORK.resolve("operator.log"));
        readyAfter = operator.awaitReady(START_TIMEOUT);
        apply(Path.of("examples", "cluster.yaml"));
        apply(Path.of("examples", "instancegroups.yaml"));
    }

    @AfterAll
    void stopOperator() {
        try {
            if (operator != null) {
                System.out.printf(Locale.ROOT, "PackagedOperatorIT figures: app %s; ready %s after process start; "
                                + "first reconcile in status %s after process start; RSS after first reconcile %s; log %s%n",
                        appSize(), seconds(readyAfter), seconds(firstReconcileAfter),
                        rssAfterFirstReconcileKiB == null ? "not measured" : (rssAfterFirstReconcileKiB / 1024) + " MiB",
                        operator.log().toAbsolutePath());
                operator.close();
            }
        } finally {
            if (api != null) {
                api.close();
            }
        }
    }

    @Test
    void healthEndpointsAnswerUpOnceTheControllersRun() throws IOException {
        for (String path : List.of("/q/health/ready", "/q/health/live")) {
            HttpResponse<String> response = operator.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("status").asText()).as(path).isEqualTo("UP");
        }
        JsonNode ready = JSON.readTree(operator.get("/q/health/ready").body());
        assertThat(ready.path("checks")).anySatisfy(check -> {
            assertThat(check.path("name").asText()).contains("Operator SDK");
            assertThat(check.path("status").asText()).isEqualTo("UP");
            assertThat(check.path("data").path("cluster").asText()).isEqualTo("OK");
            assertThat(check.path("data").path("instancegroup").asText()).isEqualTo("OK");
        });
    }

    @Test
    void exampleClusterAndInstanceGroupsGetStatus() {
        awaitExampleReconciled();

        Cluster demo = cluster();
        assertThat(demo.getStatus().observedGeneration).isEqualTo(demo.getMetadata().getGeneration());
        Condition specValid = condition(demo.getStatus().conditions, ConditionType.SPEC_VALID).orElseThrow();
        assertThat(specValid.status).isEqualTo(Condition.TRUE);
        assertThat(specValid.observedGeneration).isEqualTo(demo.getMetadata().getGeneration());
        assertThat(condition(demo.getStatus().conditions, ConditionType.READY)).isPresent();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            for (String name : List.of("control-plane-us-east-1a", "control-plane-us-east-1b", "control-plane-us-east-1c", "nodes")) {
                InstanceGroup ig = api.client().resources(InstanceGroup.class).inNamespace("default").withName(name).get();
                assertThat(ig.getStatus().observedGeneration).as(name).isEqualTo(ig.getMetadata().getGeneration());
                assertThat(condition(ig.getStatus().conditions, ConditionType.CLUSTER_FOUND).orElseThrow().status)
                        .as(name).isEqualTo(Condition.TRUE);
            }
        });
    }

    @Test
    void aMalformedInstanceGroupIsRefusedWithTheTypeItsFieldWants() {
        MalformedObjects.storeBypassingAdmission(api, MALFORMED_GROUP);
        // read with the tolerant serialisation: a plain client cannot read an object with minSize "two" at all
        KubernetesSerialization tolerant = TolerantDeserialization.serialization();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            InstanceGroup ig = tolerant.convertValue(api.client().genericKubernetesResources(Cluster.GROUP + "/" + Cluster.VERSION,
                    "InstanceGroup").inNamespace("default").withName("malformed").get(), InstanceGroup.class);
            assertThat(ig.getStatus()).as("status of the malformed group").isNotNull();
            Condition specValid = condition(ig.getStatus().conditions, ConditionType.SPEC_VALID).orElseThrow();
            assertThat(specValid.status).isEqualTo(Condition.FALSE);
            assertThat(specValid.message).contains("spec.minSize: must be an integer, got string \"two\"");
        });
    }

    @Test
    void josdkReconcileMetricsArePublishedPerController() {
        awaitExampleReconciled();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            PrometheusSamples metrics = metrics();
            for (String controller : List.of("cluster", "instancegroup")) {
                Map<String, String> tags = Map.of("controller_name", controller);
                assertThat(metrics.sum("reconciliations_started_total", tags)).as(controller).isGreaterThanOrEqualTo(1);
                assertThat(metrics.sum("reconciliations_success_total", tags)).as(controller).isGreaterThanOrEqualTo(1);
                assertThat(metrics.sum("reconciliations_execution_duration_seconds_count", tags)).as(controller)
                        .isGreaterThanOrEqualTo(1);
            }
            assertThat(metrics.named("reconciliations_started_total"))
                    .allSatisfy(s -> assertThat(s.label("namespace")).isEqualTo("default"));
        });
    }

    /** Needs the Cluster reconciler to call AWS (EC2) for the example: the network engine's wiring. */
    @Test
    void awsApiCallsAreCountedByServiceOperationAndOutcome() {
        awaitExampleReconciled();

        List<String> outcomes = List.of(AwsCallMetrics.SUCCESS, AwsCallMetrics.THROTTLED, AwsCallMetrics.CLIENT_ERROR,
                AwsCallMetrics.SERVER_ERROR, AwsCallMetrics.IO_ERROR);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<PrometheusSamples.Sample> calls = metrics().named("slipway_aws_api_calls_total");
            assertThat(calls).as("slipway_aws_api_calls_total on /q/metrics after reconciling examples/cluster.yaml")
                    .isNotEmpty();
            assertThat(calls).allSatisfy(call -> {
                assertThat(call.label("service")).isNotBlank();
                assertThat(call.label("operation")).isNotBlank();
                assertThat(call.label("outcome")).isIn(outcomes);
            });
            assertThat(calls).anySatisfy(call -> {
                assertThat(call.label("service")).isEqualTo("ec2");
                assertThat(call.value()).isGreaterThanOrEqualTo(1);
            });
        });
    }

    @Test
    void reconcileRequestAnnotationIsHonouredByTheQuarkusBuiltControllers() {
        awaitExampleReconciled();
        // QOSDK builds the controller configuration from the annotations at build time: the custom update filter and
        // generation filter switched off must survive that, or only a spec change would start a reconcile here.
        api.client().resources(Cluster.class).inNamespace("default").withName("demo")
                .edit(c -> requestReconcile(c, "packaged-cluster"));
        api.client().resources(InstanceGroup.class).inNamespace("default").withName("nodes")
                .edit(ig -> requestReconcile(ig, "packaged-instancegroup"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() ->
                assertThat(api.client().resources(InstanceGroup.class).inNamespace("default").withName("nodes").get()
                        .getStatus().lastHandledReconcileAt).isEqualTo("packaged-instancegroup"));
        // The Cluster may be in the middle of its first network apply, which the request waits for.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster().getStatus().lastHandledReconcileAt).isEqualTo("packaged-cluster"));
    }

    private static <T extends HasMetadata> T requestReconcile(T resource, String value) {
        java.util.Map<String, String> annotations = new java.util.HashMap<>();
        if (resource.getMetadata().getAnnotations() != null) {
            annotations.putAll(resource.getMetadata().getAnnotations());
        }
        annotations.put("slipway.io/reconcile-requested-at", value);
        resource.getMetadata().setAnnotations(annotations);
        return resource;
    }

    /** Waits for the first status of the example Cluster; measures the time from process start and the RSS then. */
    private synchronized void awaitExampleReconciled() {
        if (firstReconcileAfter != null) {
            return;
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    operator.requireAlive();
                    Cluster demo = cluster();
                    return demo.getStatus() != null
                            && condition(demo.getStatus().conditions, ConditionType.SPEC_VALID).isPresent();
                });
        firstReconcileAfter = operator.uptime();
        rssAfterFirstReconcileKiB = operator.rssKiB();
    }

    private Cluster cluster() {
        return api.client().resources(Cluster.class).inNamespace("default").withName("demo").get();
    }

    private PrometheusSamples metrics() {
        HttpResponse<String> response = operator.get("/q/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusSamples.parse(response.body());
    }

    private void apply(Path manifest) {
        KubernetesClient client = api.client();
        try (InputStream in = Files.newInputStream(manifest)) {
            for (HasMetadata item : client.load(in).items()) {
                client.resource(item).create();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Condition> condition(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.type)).findFirst();
    }

    private static String seconds(Duration d) {
        return d == null ? "not seen" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    private static String appSize() {
        Path app = OperatorProcess.APP.getParent();
        try (Stream<Path> files = Files.walk(app)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            return app + " " + bytes / (1024 * 1024) + " MiB";
        } catch (IOException e) {
            return app + " (size unknown: " + e.getMessage() + ")";
        }
    }
}
