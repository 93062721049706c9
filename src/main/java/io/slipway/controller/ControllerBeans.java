package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import io.quarkus.arc.Unremovable;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** CDI producers for the plain-Java collaborators of the reconcilers. */
public class ControllerBeans {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ReconcileSettings reconcileSettings(SlipwayConfig config) {
        return config.settings();
    }

    @Produces
    @Singleton
    ClusterCredentials clusterCredentials(KubernetesClient client) {
        return new ClusterCredentials(client);
    }

    @Produces
    @Singleton
    ClusterNetwork clusterNetwork(MeterRegistry registry, EventRecorder events, Clock clock, ReconcileSettings settings) {
        return new ClusterNetwork(registry, events, clock, settings);
    }

    /** JOSDK's resource copies keep the malformed values the client's deserialisation found. */
    @Produces
    @Singleton
    @Unremovable // QOSDK looks it up by type at startup; nothing injects it
    ConfigurationServiceCustomizer configurationServiceCustomizer(KubernetesSerialization serialization) {
        return () -> MalformedValuesCloner.overrider(serialization);
    }

    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }
}
