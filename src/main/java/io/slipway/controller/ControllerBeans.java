package io.slipway.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.slipway.cloud.ApplyPool;
import jakarta.enterprise.inject.Disposes;
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
    ReconcileSettings reconcileSettings(SlipwayConfig config, TeardownConfig teardown) {
        return config.settings().withTeardownStallAfter(teardown.stallAfter());
    }

    @Produces
    @Singleton
    ClusterCredentials clusterCredentials(KubernetesClient client) {
        return new ClusterCredentials(client);
    }

    @Produces
    @Singleton
    ClusterInfrastructure clusterInfrastructure(MeterRegistry registry, EventRecorder events, Clock clock,
                                                ReconcileSettings settings, ApplyPool pool, StateStoreConfig stateStore) {
        return new ClusterInfrastructure(registry, events, clock, settings, pool, stateStore.bucket());
    }

    @Produces
    @Singleton
    InstanceGroupInfrastructure instanceGroupInfrastructure(MeterRegistry registry, EventRecorder events, Clock clock,
                                                            ReconcileSettings settings, ApplyPool pool) {
        return new InstanceGroupInfrastructure(registry, events, clock, settings, pool);
    }

    @Produces
    @Singleton
    ClusterSecrets clusterSecrets(KubernetesClient client, Clock clock) {
        return new ClusterSecrets(client, CredentialSettings.defaults(), clock);
    }

    /** The threads every cloud change runs on, shared by all clusters (see ApplyPool). */
    @Produces
    @Singleton
    ApplyPool applyPool(SlipwayConfig config) {
        return new ApplyPool(config.applyParallelism(), "slipway-apply");
    }

    void closeApplyPool(@Disposes ApplyPool pool) {
        pool.close();
    }

    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }
}
