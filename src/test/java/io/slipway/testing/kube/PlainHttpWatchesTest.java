package io.slipway.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.api.Cluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches over plain HTTP, as kubectl makes them: one JSON event per line, started by the existing objects or at a
 * resourceVersion, narrowed by selectors, as Tables when asked; and {@code kubectl delete} waiting on one for a
 * finalizer, quietly.
 */
@Timeout(120)
class PlainHttpWatchesTest {
    private static final String CLUSTERS = "/apis/slipway.io/v1alpha1/namespaces/default/clusters";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KubeApiServer api = KubeApiServer.start();
    private static final KubernetesClient client = api.client();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void freshApiWithCrds() {
        api.reset();
        GeneratedCrds.install(client);
    }

    @Test
    void aWatchStartsWithTheExistingObjectsThenStreamsEachChange() throws Exception {
        client.resource(cluster("demo", Map.of())).create();
        try (Stream<String> lines = watch(CLUSTERS + "?watch=1", "application/json")) {
            Iterator<String> events = lines.iterator();
            assertEvent(events.next(), "ADDED", "demo");

            client.resources(Cluster.class).inNamespace("default").withName("demo")
                    .edit(c -> { c.getSpec().kubernetesVersion = "1.32.5"; return c; });
            JsonNode modified = assertEvent(events.next(), "MODIFIED", "demo");
            assertThat(modified.path("object").path("spec").path("kubernetesVersion").asText()).isEqualTo("1.32.5");

            client.resources(Cluster.class).inNamespace("default").withName("demo").delete();
            assertEvent(events.next(), "DELETED", "demo");
        }
    }

    @Test
    void aWatchFromAResourceVersionStartsWithTheChangesAfterIt() throws Exception {
        client.resource(cluster("before", Map.of())).create();
        String listed = client.resources(Cluster.class).inNamespace("default").list().getMetadata().getResourceVersion();
        client.resource(cluster("after", Map.of())).create();
        try (Stream<String> lines = watch(CLUSTERS + "?watch=true&resourceVersion=" + listed, "application/json")) {
            assertEvent(lines.iterator().next(), "ADDED", "after");
        }
    }

    @Test
    void selectorsNarrowTheStream() throws Exception {
        client.resource(cluster("chosen", Map.of("team", "a"))).create();
        client.resource(cluster("other", Map.of("team", "b"))).create();
        try (Stream<String> lines = watch(CLUSTERS + "?watch=1&labelSelector=team%20in%20(a,c)", "application/json")) {
            Iterator<String> events = lines.iterator();
            assertEvent(events.next(), "ADDED", "chosen");
            client.resources(Cluster.class).inNamespace("default").withName("other").edit(c -> { c.getSpec().paused = true; return c; });
            client.resources(Cluster.class).inNamespace("default").withName("chosen").edit(c -> { c.getSpec().paused = true; return c; });
            assertEvent(events.next(), "MODIFIED", "chosen");
        }
        try (Stream<String> lines = watch(CLUSTERS + "?watch=1&fieldSelector=metadata.name%3Dother", "application/json")) {
            assertEvent(lines.iterator().next(), "ADDED", "other");
        }
    }

    @Test
    void underTableAcceptEachEventCarriesAOneRowTable() throws Exception {
        client.resource(cluster("demo", Map.of())).create();
        try (Stream<String> lines = watch(CLUSTERS + "?watch=1", "application/json;as=Table;v=v1;g=meta.k8s.io")) {
            JsonNode event = JsonNodes.parseJson(lines.iterator().next());
            assertThat(event.path("type").asText()).isEqualTo("ADDED");
            assertThat(event.path("object").path("kind").asText()).isEqualTo("Table");
            assertThat(event.path("object").path("rows")).hasSize(1);
            assertThat(event.path("object").path("rows").path(0).path("cells").path(0).asText()).isEqualTo("demo");
        }
    }

    @Test
    void kubectlDeleteWaitsForTheFinalizerOnAWatchAndPrintsNoError() throws Exception {
        Kubectl kubectl = Kubectl.against(api, dir);
        Cluster demo = cluster("demo", Map.of());
        demo.getMetadata().setFinalizers(List.of("slipway.io/test"));
        client.resource(demo).create();

        CompletableFuture<Kubectl.Result> deletion = CompletableFuture.supplyAsync(
                () -> kubectl.run("delete", "slc", "demo", "--timeout=100s"));
        // kubectl has marked the object and watches for it to go
        await().atMost(Duration.ofSeconds(60)).until(() -> api.openPlainHttpWatches() > 0);
        assertThat(client.resources(Cluster.class).inNamespace("default").withName("demo").get().getMetadata()
                .getDeletionTimestamp()).isNotNull();
        assertThat(deletion).isNotDone();

        client.resources(Cluster.class).inNamespace("default").withName("demo")
                .edit(c -> { c.getMetadata().setFinalizers(List.of()); return c; });
        Kubectl.Result result = deletion.get();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("cluster.slipway.io \"demo\" deleted");
        assertThat(result.stderr()).isEmpty();
        assertThat(client.resources(Cluster.class).inNamespace("default").withName("demo").get()).isNull();
    }

    private static Stream<String> watch(String path, String accept) throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(api.url() + path))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode assertEvent(String line, String type, String name) {
        JsonNode event = JsonNodes.parseJson(line);
        assertThat(event.path("type").asText()).as(line).isEqualTo(type);
        assertThat(event.path("object").path("metadata").path("name").asText()).as(line).isEqualTo(name);
        return event;
    }

    private static Cluster cluster(String name, Map<String, String> labels) {
        Cluster cluster = client.resources(Cluster.class).load(Path.of("examples", "cluster.yaml").toFile()).item();
        cluster.getMetadata().setName(name);
        cluster.getMetadata().setLabels(labels);
        return cluster;
    }
}
