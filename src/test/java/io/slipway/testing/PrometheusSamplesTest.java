package io.slipway.testing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusSamplesTest {
    private static final String TEXT = """
            # HELP reconciliations_started_total
            # TYPE reconciliations_started_total counter
            reconciliations_started_total{controller_name="cluster",namespace="default"} 2.0
            reconciliations_started_total{controller_name="instancegroup",namespace="default"} 6.0
            reconciliations_started_total{controller_name="cluster",namespace="other"} 1.0
            slipway_aws_api_calls_total{operation="DescribeVpcs",outcome="success",service="ec2"} 3.0 1700000000000
            weird{msg="a \\"quoted\\", comma=sign\\\\ and\\nnewline"} +Inf
            jvm_threads_live_threads 41.0
            """;

    @Test
    void readsNamesLabelsAndValues() {
        PrometheusSamples samples = PrometheusSamples.parse(TEXT);

        assertThat(samples.all()).hasSize(6);
        assertThat(samples.named("slipway_aws_api_calls_total")).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsExactly(Map.entry("operation", "DescribeVpcs"),
                    Map.entry("outcome", "success"), Map.entry("service", "ec2"));
            assertThat(s.value()).isEqualTo(3.0);
        });
        assertThat(samples.named("weird").get(0).label("msg")).isEqualTo("a \"quoted\", comma=sign\\ and\nnewline");
        assertThat(samples.named("weird").get(0).value()).isInfinite();
        assertThat(samples.named("jvm_threads_live_threads").get(0).labels()).isEmpty();
    }

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        PrometheusSamples samples = PrometheusSamples.parse(TEXT);

        assertThat(samples.sum("reconciliations_started_total", Map.of("controller_name", "cluster"))).isEqualTo(3.0);
        assertThat(samples.sum("reconciliations_started_total", Map.of("controller_name", "cluster", "namespace", "other")))
                .isEqualTo(1.0);
        assertThat(samples.sum("reconciliations_started_total", Map.of("controller_name", "missing"))).isZero();
    }
}
