package io.slipway.testing.workload;

import io.slipway.api.Cluster;
import io.slipway.model.TestClusters;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import io.slipway.testing.kube.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulator as hack/local.sh runs it: a process against moto and the management API, used with the real kubectl. */
@ExtendWith(MotoExtension.class)
class LocalWorkloadSimulatorMainTest {

    @Test
    void servesTheClusterOnItsPortInItsOwnRegionAndWritesAKubeconfigThatKubectlUses(@TempDir Path dir, MotoServer moto, AwsClientFactory aws)
            throws Exception {
        int port = freePort();
        try (ManagementCluster management = ManagementCluster.start()) {
            Path managementKubeconfig = management.api.writeKubeconfig(dir.resolve("management.kubeconfig"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), LocalWorkloadSimulatorMain.class.getName(),
                    "--management-kubeconfig", managementKubeconfig.toString(), "--aws-endpoint", moto.endpoint().toString(),
                    "--cluster", "default/demo=" + port, "--ready-after", "0s", "--period", "200ms",
                    "--kubeconfig-dir", dir.resolve("workload").toString())
                    .redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> lines.contains(
                        "SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE=default/demo=https://127.0.0.1:" + port));
                // a Cluster outside the simulator's default region (us-east-1): its instances are looked for in its own
                Cluster cluster = TestClusters.threeZonePrivate("default", "demo");
                cluster.getSpec().region = "eu-west-1";
                cluster.getSpec().subnets.forEach(subnet -> subnet.zone = subnet.zone.replace("us-east-1", "eu-west-1"));
                management.credentials(management.client.resource(cluster).create(), "https://api.demo.example.com:443");
                Instance instance = new TestInstances(aws.session(AwsCredentialSource.operatorDefault(), "eu-west-1").ec2(),
                        "default", "demo").launch("nodes", false, "eu-west-1a");
                Path kubeconfig = dir.resolve("workload").resolve("default-demo.kubeconfig");
                await().atMost(Duration.ofSeconds(120)).until(() -> lines.contains("WORKLOAD_KUBECONFIG default/demo=" + kubeconfig));
                assertThat(lines).contains("WORKLOAD_API default/demo=https://127.0.0.1:" + port);

                Kubectl.requireOnPath();
                Kubectl kubectl = new Kubectl(kubeconfig, dir);
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                        assertThat(kubectl.ok("get", "nodes", "-o", "name")).contains("node/" + instance.privateDnsName()));
            } finally {
                process.destroy();
                process.waitFor();
                reader.join();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
