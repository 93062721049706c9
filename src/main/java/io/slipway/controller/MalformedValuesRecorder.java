package io.slipway.controller;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.api.HoldsMalformedValues;
import io.slipway.api.MalformedValue;

import java.io.IOException;
import java.util.List;

/**
 * Reads a {@link HoldsMalformedValues} resource in two steps: first its JSON as a tree, from which
 * {@link MalformedValueFinder} takes out the values of the wrong type, then the cleaned tree with the usual bean
 * deserialiser; the values taken out are put on the resource for the spec checks to report.
 *
 * <p>Why record here rather than re-check the raw JSON at validation time: the raw JSON exists only while the client
 * reads it. JOSDK's caches, the reconcilers and their copies hold the typed object, so what was wrong must travel on
 * it, and to JOSDK's copies of it through {@link MalformedValuesSeen}.
 */
final class MalformedValuesRecorder extends DelegatingDeserializer {
    private final JavaType type;
    private final MalformedValueFinder finder;

    private MalformedValuesRecorder(JsonDeserializer<?> delegate, JavaType type, MalformedValueFinder finder) {
        super(delegate);
        this.type = type;
        this.finder = finder;
    }

    /** Wraps the deserialiser of every resource type that can hold malformed values. */
    static BeanDeserializerModifier modifier() {
        return new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                if (HoldsMalformedValues.class.isAssignableFrom(description.getBeanClass())) {
                    return new MalformedValuesRecorder(deserializer, description.getType(), new MalformedValueFinder(config));
                }
                return deserializer;
            }
        };
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new MalformedValuesRecorder(newDelegatee, type, finder);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode tree = ctxt.readTree(p);
        List<MalformedValue> found = tree instanceof ObjectNode object ? finder.prune(object, type) : List.of();
        Object value;
        try (JsonParser cleaned = tree.traverse(p.getCodec())) {
            cleaned.nextToken();
            value = _delegatee.deserialize(cleaned, ctxt);
        }
        if (value instanceof HoldsMalformedValues holder) {
            holder.setMalformedValues(found);
            MalformedValuesSeen.record(value, found);
        }
        return value;
    }
}
