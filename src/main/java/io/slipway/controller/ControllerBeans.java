package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
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

    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }
}
