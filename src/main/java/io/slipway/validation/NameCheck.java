package io.slipway.validation;

import io.slipway.api.NameRules;

import java.util.List;
import java.util.regex.Pattern;

/** The operator's copy of the CRDs' CEL rule on metadata.name (see {@link NameRules}). */
final class NameCheck {
    private static final Pattern DNS_LABEL = Pattern.compile(NameRules.DNS_LABEL);

    private NameCheck() {
    }

    static List<FieldError> check(String name, String message) {
        if (name != null && name.length() <= NameRules.MAX_LENGTH && DNS_LABEL.matcher(name).matches()) {
            return List.of();
        }
        String got = name == null ? "none" : Strings.quote(name) + (name.length() > NameRules.MAX_LENGTH ? ", " + name.length() + " characters" : "");
        return List.of(new FieldError("metadata.name", message + " (got " + got + ")"));
    }
}
