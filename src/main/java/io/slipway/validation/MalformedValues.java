package io.slipway.validation;

import io.slipway.api.MalformedValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Reports the spec values that had the wrong JSON type (found when the object was read, see
 * {@link io.slipway.api.HoldsMalformedValues}) before every other error. Those values were read as absent, so the
 * other checks may complain about the same field ("required"); such errors at or below a malformed value's path are
 * dropped, because the type error says what is really wrong.
 */
public final class MalformedValues {
    private MalformedValues() {
    }

    /** {@code malformed} under {@code spec} as errors, then {@code others} minus those they would only repeat. */
    public static List<FieldError> reportFirst(List<MalformedValue> malformed, List<FieldError> others) {
        List<FieldError> errors = new ArrayList<>();
        for (MalformedValue m : malformed) {
            if (within(m.path(), "spec")) {
                errors.add(new FieldError(m.path(), "must be " + m.expected() + ", got " + m.actual()));
            }
        }
        for (FieldError e : others) {
            if (errors.stream().noneMatch(m -> within(e.path(), m.path()))) {
                errors.add(e);
            }
        }
        return errors;
    }

    private static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }
}
