package io.slipway.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.slipway.api.Cluster;

@ControllerConfiguration(name = "cluster")
public class ClusterReconciler implements Reconciler<Cluster> {
    @Override
    public UpdateControl<Cluster> reconcile(Cluster resource, Context<Cluster> context) {
        return UpdateControl.noUpdate();
    }
}
