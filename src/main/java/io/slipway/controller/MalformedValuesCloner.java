package io.slipway.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.slipway.api.HoldsMalformedValues;

import java.util.function.Consumer;

/**
 * JOSDK hands each reconcile a copy of the cached resource, made by serialising and deserialising it. The malformed
 * values remembered on a resource are never serialised (the API server must not see them), so the copy would lose
 * them and the spec checks would report "required" instead of the wrong type; this cloner carries them over.
 */
public final class MalformedValuesCloner implements Cloner {
    private final KubernetesSerialization serialization;

    public MalformedValuesCloner(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** The operator configuration that installs this cloner, the same in production and in tests. */
    public static Consumer<ConfigurationServiceOverrider> overrider(KubernetesSerialization serialization) {
        return o -> o.withResourceCloner(new MalformedValuesCloner(serialization));
    }

    @Override
    public <R extends HasMetadata> R clone(R object) {
        R copy = serialization.clone(object);
        if (object instanceof HoldsMalformedValues from && copy instanceof HoldsMalformedValues to) {
            to.setMalformedValues(from.getMalformedValues());
        }
        return copy;
    }
}
