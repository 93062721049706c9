package io.slipway.testing.kube;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the test Kubernetes API as a process for the local environment:
 * {@code LocalKubeApiServerMain <port> <kubeconfig-file>} starts it on 127.0.0.1:port (0: a free port), writes a
 * kubeconfig, prints {@code KUBE_API_URL=...} and {@code KUBECONFIG=...} lines and serves until killed.
 */
public final class LocalKubeApiServerMain {
    private LocalKubeApiServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: LocalKubeApiServerMain <port> <kubeconfig-file>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path kubeconfig = Path.of(args[1]).toAbsolutePath();
        KubeApiServer server = KubeApiServer.start(port);
        server.writeKubeconfig(kubeconfig);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "kube-api-shutdown"));
        System.out.println("KUBE_API_URL=" + server.url());
        System.out.println("KUBECONFIG=" + kubeconfig);
        System.out.flush();
        stopped.await();
    }
}
