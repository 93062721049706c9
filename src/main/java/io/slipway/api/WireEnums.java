package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Enum-valued spec fields are held as the user's string (the CRD schema still lists the allowed values), so that a
 * wrong value reaches the operator and is refused with a clear message instead of breaking deserialisation.
 * This maps between those strings and the enum constants.
 */
public final class WireEnums {
    private WireEnums() {
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> wireName(e).equals(value)).findFirst();
    }

    public static String wireName(Enum<?> value) {
        try {
            JsonProperty p = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            return p != null && !p.value().isEmpty() ? p.value() : value.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <E extends Enum<E>> List<String> allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnums::wireName).toList();
    }
}
