package io.slipway.controller;

import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.slipway.testing.OperatorHarness;

import java.time.Clock;
import java.util.List;

/** Builds the production reconcilers the way CDI does, from the harness' client and AWS factory. */
public final class TestReconcilers {
    private TestReconcilers() {
    }

    public static List<Reconciler<?>> all(OperatorHarness.Wiring w) {
        return all(w, ReconcileSettings.defaults());
    }

    public static List<Reconciler<?>> all(OperatorHarness.Wiring w, ReconcileSettings settings) {
        Clock clock = Clock.systemUTC();
        EventRecorder events = new EventRecorder(w.client(), clock);
        return List.of(
                new ClusterReconciler(new ClusterSpecChecks(), events, clock, new ClusterCredentials(w.client()), w.aws(),
                        new ClusterNetwork(w.registry(), events, clock, settings), settings),
                new InstanceGroupReconciler(new InstanceGroupSpecChecks(), events, clock));
    }
}
