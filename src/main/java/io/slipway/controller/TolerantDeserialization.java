package io.slipway.controller;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The operator's Kubernetes client reads what it cannot use as absent: fields it does not know, and values of the
 * wrong JSON type. A real API server never lets either through; without this, one such object in an API that does
 * not check (the test API, an old server) makes the informer fail on every list and watch, and no resource of that
 * kind is reconciled any more.
 */
@Singleton
public class TolerantDeserialization implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .addHandler(new MalformedValuesAsAbsent());
    }

    /**
     * A value of the wrong JSON type (minSize: "two", subnets: {}) is read as absent, so validation reports the field
     * instead of the informer failing on the whole object. A real API server refuses such values at the door.
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
