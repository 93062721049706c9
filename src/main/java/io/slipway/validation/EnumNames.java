package io.slipway.validation;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/** The names under which an API enum appears in YAML (its @JsonProperty value, else the constant's name). */
final class EnumNames {
    private EnumNames() {
    }

    static List<String> of(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            names.add(of((Enum<?>) constant));
        }
        return names;
    }

    static String of(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null && !p.value().isEmpty() ? p.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
