package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;

import java.util.List;

/** What Slipway's kinds share: namespaced, and the malformed values their deserialisation left out (never serialised). */
public abstract class SlipwayResource<S, T> extends CustomResource<S, T> implements Namespaced, HoldsMalformedValues {
    @JsonIgnore
    private transient List<MalformedValue> malformedValues = List.of();

    @Override
    @JsonIgnore
    public List<MalformedValue> getMalformedValues() {
        return malformedValues;
    }

    @Override
    @JsonIgnore
    public void setMalformedValues(List<MalformedValue> values) {
        this.malformedValues = values == null ? List.of() : List.copyOf(values);
    }
}
