package io.slipway.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects errors of one validation run; lets a later check stay silent on a field that already failed. */
final class ErrorList {
    private final List<FieldError> errors = new ArrayList<>();

    void add(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    void addAll(List<FieldError> more) {
        errors.addAll(more);
    }

    /** True when an error was reported at this path or below it. */
    boolean has(String path) {
        for (FieldError e : errors) {
            String p = e.path();
            if (p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    List<FieldError> toList() {
        return List.copyOf(errors);
    }
}
