package io.slipway.controller;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The operator's Kubernetes client reads what it cannot use as absent: fields it does not know, and values of the
 * wrong JSON type. A real API server refuses most of these at admission, but not all (objects stored under an older
 * schema, a CRD upgraded under stored objects, a permissive server); without this, one such object makes the informer
 * fail on every list and watch, and no resource of that kind is reconciled any more.
 *
 * <p>In our resources ({@link io.slipway.api.HoldsMalformedValues}) the wrongly typed values of spec and status are
 * taken out before deserialisation and remembered on the object ({@link MalformedValuesRecorder}), so that the spec
 * checks can say which field has which wrong type. Elsewhere (metadata, built-in kinds) the problem handler below
 * reads them as absent.
 */
@Singleton
public class TolerantDeserialization implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .addHandler(new MalformedValuesAsAbsent())
                .registerModule(new SimpleModule("slipway-malformed-values").setDeserializerModifier(MalformedValuesRecorder.modifier()));
    }

    /**
     * A value of the wrong JSON type outside our resources' spec and status (labels: "x", a built-in kind's field) is
     * read as absent instead of failing the informer on the whole list. A real API server refuses such values at the door.
     */
    static final class MalformedValuesAsAbsent extends DeserializationProblemHandler {
        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
            return absent(targetType);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
            return absent(targetType);
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsta,
                                                JsonParser p, String msg) throws IOException {
            p.skipChildren(); // a scalar or list where an object belongs (labels: "x")
            return absent(instClass);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken token, JsonParser parser,
                                            String failureMsg) throws IOException {
            parser.skipChildren();
            return absent(targetType.getRawClass());
        }

        private static Object absent(Class<?> type) {
            if (type == boolean.class) {
                return false;
            }
            if (type.isPrimitive()) {
                return 0;
            }
            return null;
        }
    }

    /** The same setup for clients built outside Quarkus (tests, tools). */
    public static KubernetesSerialization serialization() {
        return new KubernetesSerialization(configure(new ObjectMapper()), true);
    }
}
