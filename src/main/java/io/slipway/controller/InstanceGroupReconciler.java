package io.slipway.controller;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.slipway.api.InstanceGroup;

@ControllerConfiguration(name = "instancegroup")
public class InstanceGroupReconciler implements Reconciler<InstanceGroup> {
    @Override
    public UpdateControl<InstanceGroup> reconcile(InstanceGroup resource, Context<InstanceGroup> context) {
        return UpdateControl.noUpdate();
    }
}
