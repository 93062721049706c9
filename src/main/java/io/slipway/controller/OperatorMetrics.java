package io.slipway.controller;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's reconcile metrics on the app's Micrometer registry, tagged by controller and by namespace (QOSDK's default
 * has no namespace tag), so a platform team sees reconcile rates and failures per team namespace.
 */
public class OperatorMetrics {
    @Produces
    @Singleton
    Metrics josdkMetrics(MeterRegistry registry) {
        return MicrometerMetricsV2.newBuilder(registry).withNamespaceAsTag().build();
    }
}
