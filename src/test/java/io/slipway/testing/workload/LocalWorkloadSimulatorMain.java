package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.controller.CredentialSecretNames;
import io.slipway.controller.TolerantDeserialization;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the {@link WorkloadSimulator} as a process for the local environment (hack/local.sh), against moto and the
 * management API:
 * <pre>
 * LocalWorkloadSimulatorMain --management-kubeconfig FILE --aws-endpoint http://127.0.0.1:PORT
 *     --cluster NAMESPACE/NAME=PORT [--cluster ...] [--region us-east-1] [--ready-after 5s] [--period 1s]
 *     [--kubeconfig-dir DIR]
 * </pre>
 * Each {@code --cluster} is served on https://127.0.0.1:PORT once the operator has made its CA. It prints at once
 * {@code SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE=...} (the operator's setting, to export before starting it), then
 * {@code WORKLOAD_API ns/name=https://127.0.0.1:PORT} when a cluster starts serving and, with
 * {@code --kubeconfig-dir}, {@code WORKLOAD_KUBECONFIG ns/name=DIR/ns-name.kubeconfig}: the cluster's admin
 * kubeconfig with its server replaced by the local one (for {@code kubectl get nodes}). Serves until killed.
 * AWS credentials are moto's ({@code testing}).
 */
public final class LocalWorkloadSimulatorMain {
    private LocalWorkloadSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: LocalWorkloadSimulatorMain --management-kubeconfig FILE --aws-endpoint URL"
                    + " --cluster NAMESPACE/NAME=PORT [--cluster ...] [--region us-east-1] [--ready-after 5s] [--period 1s]"
                    + " [--kubeconfig-dir DIR]");
            System.exit(2);
            return;
        }
        KubernetesClient management = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(new File(a.managementKubeconfig)))
                .withKubernetesSerialization(TolerantDeserialization.serialization()).build();
        AwsClientFactory aws = new AwsClientFactory(AwsSessionConfig.builder(new SimpleMeterRegistry())
                .defaultRegion(a.region).endpointOverride(URI.create(a.awsEndpoint))
                .operatorCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build());
        // each cluster's instances are looked for in its own region, as the operator makes them there
        WorkloadSimulator simulator = new WorkloadSimulator(management,
                region -> aws.session(AwsCredentialSource.operatorDefault(), region.isEmpty() ? a.region : region).ec2(),
                a.readyAfter, Clock.systemUTC());
        a.clusters.forEach((cluster, port) -> {
            String[] parts = cluster.split("/", 2);
            simulator.serve(parts[0], parts[1], port);
        });
        System.out.println("SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE=" + a.clusters.entrySet().stream()
                .map(e -> e.getKey() + "=https://127.0.0.1:" + e.getValue()).collect(Collectors.joining(",")));
        System.out.flush();
        simulator.start(a.period);

        Map<String, String> reported = new ConcurrentHashMap<>();
        ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor();
        announcer.scheduleWithFixedDelay(() -> announce(simulator, management, a, reported), 0, 1, TimeUnit.SECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            announcer.shutdownNow();
            simulator.close();
            aws.close();
            management.close();
            stopped.countDown();
        }, "workload-simulator-shutdown"));
        stopped.await();
    }

    /** Says once per cluster where it is served and where its local kubeconfig is, as soon as each exists. */
    private static void announce(WorkloadSimulator simulator, KubernetesClient management, Arguments a, Map<String, String> reported) {
        try {
            for (String cluster : a.clusters.keySet()) {
                String[] parts = cluster.split("/", 2);
                simulator.cluster(parts[0], parts[1]).ifPresent(served -> {
                    if (reported.putIfAbsent(cluster + " api", served.url()) == null) {
                        System.out.println("WORKLOAD_API " + cluster + "=" + served.url());
                    }
                    if (a.kubeconfigDir != null && !reported.containsKey(cluster + " kubeconfig")) {
                        writeLocalKubeconfig(management, parts[0], parts[1], served.url(), a.kubeconfigDir).ifPresent(file -> {
                            reported.put(cluster + " kubeconfig", file.toString());
                            System.out.println("WORKLOAD_KUBECONFIG " + cluster + "=" + file);
                        });
                    }
                });
            }
            System.out.flush();
        } catch (RuntimeException e) {
            System.err.println("workload simulator: " + e);
        }
    }

    /** The admin kubeconfig of the Secret with its server replaced by the local URL; empty until the Secret exists. */
    static Optional<Path> writeLocalKubeconfig(KubernetesClient management, String namespace, String cluster,
                                                         String url, Path dir) {
        Secret secret = management.secrets().inNamespace(namespace).withName(CredentialSecretNames.kubeconfig(cluster)).get();
        if (secret == null || secret.getData() == null || secret.getData().get("value") == null) {
            return Optional.empty();
        }
        io.fabric8.kubernetes.api.model.Config kubeconfig = Serialization.unmarshal(
                new String(Base64.getDecoder().decode(secret.getData().get("value")), StandardCharsets.UTF_8),
                io.fabric8.kubernetes.api.model.Config.class);
        for (NamedCluster named : kubeconfig.getClusters()) {
            named.getCluster().setServer(url);
        }
        Path file = dir.resolve(namespace + "-" + cluster + ".kubeconfig");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, Serialization.asYaml(kubeconfig));
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return Optional.of(file);
    }

    private record Arguments(String managementKubeconfig, String awsEndpoint, String region, Duration readyAfter,
                             Duration period, Path kubeconfigDir, Map<String, Integer> clusters) {
        static Arguments parse(String[] args) {
            String kubeconfig = null;
            String endpoint = null;
            String region = "us-east-1";
            Duration readyAfter = Duration.ofSeconds(5);
            Duration period = Duration.ofSeconds(1);
            Path dir = null;
            Map<String, Integer> clusters = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--management-kubeconfig" -> kubeconfig = value;
                    case "--aws-endpoint" -> endpoint = value;
                    case "--region" -> region = value;
                    case "--ready-after" -> readyAfter = duration(value);
                    case "--period" -> period = duration(value);
                    case "--kubeconfig-dir" -> dir = Path.of(value).toAbsolutePath();
                    case "--cluster" -> {
                        int eq = value.lastIndexOf('=');
                        if (eq < 0 || !value.substring(0, eq).matches("[^/]+/[^/]+")) {
                            throw new IllegalArgumentException("--cluster " + value + ": want NAMESPACE/NAME=PORT");
                        }
                        int port = Integer.parseInt(value.substring(eq + 1));
                        if (port <= 0 || port > 65535) {
                            throw new IllegalArgumentException("--cluster " + value + ": the port must be fixed (1-65535)");
                        }
                        clusters.put(value.substring(0, eq), port);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                i++;
            }
            if (kubeconfig == null || endpoint == null || clusters.isEmpty()) {
                throw new IllegalArgumentException("--management-kubeconfig, --aws-endpoint and at least one --cluster are needed");
            }
            return new Arguments(kubeconfig, endpoint, region, readyAfter, period, dir, clusters);
        }

        /** {@code 5s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration. */
        private static Duration duration(String text) {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(text);
        }
    }
}
