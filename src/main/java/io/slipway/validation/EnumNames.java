package io.slipway.validation;

import io.slipway.api.WireEnums;

import java.util.List;

/** The names under which an API enum appears in YAML (its @JsonProperty value, else the constant's name). */
final class EnumNames {
    private EnumNames() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<String> of(Class<?> enumType) {
        return WireEnums.allowed((Class) enumType);
    }

    static String of(Enum<?> constant) {
        return WireEnums.wireName(constant);
    }
}
