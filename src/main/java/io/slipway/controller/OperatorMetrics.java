package io.slipway.controller;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Hands JOSDK a Micrometer-backed metrics implementation. QOSDK 7.7.x otherwise gives JOSDK a no-op one and the
 * reconcile metrics never reach /q/metrics.
 */
public class OperatorMetrics {
    @Produces
    @Singleton
    Metrics josdkMetrics(MeterRegistry registry) {
        return MicrometerMetricsV2.newBuilder(registry).withNamespaceAsTag().build();
    }
}
