package io.slipway.testing.charts;

import io.slipway.workload.addons.AddonChannel;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a chart repository for the local environment: {@code LocalChartRepositoryMain <port> <dir>} publishes the
 * small upstream-like charts at the versions the operator's channel pins, serves them on 127.0.0.1:port (0: a free
 * port), prints {@code CHART_REPOSITORY_URL=...} and serves until killed. Give that URL to the operator as
 * {@code SLIPWAY_ADDONS_REPOSITORY_OVERRIDE}.
 */
public final class LocalChartRepositoryMain {
    private LocalChartRepositoryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: LocalChartRepositoryMain <port> <dir>");
            System.exit(2);
        }
        ChartRepository repository = ChartRepository.start(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[0]));
        repository.publish(UpstreamLikeCharts.forChannel(AddonChannel.load()));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            repository.close();
            stopped.countDown();
        }, "chart-repository-shutdown"));
        System.out.println("CHART_REPOSITORY_URL=" + repository.url());
        System.out.flush();
        stopped.await();
    }
}
