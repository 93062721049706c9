package io.slipway.controller;

import io.slipway.validation.FieldError;

import java.util.List;
import java.util.stream.Collectors;

/** Renders validation errors into the one message that goes into conditions and Events. */
final class SpecErrors {
    private SpecErrors() {
    }

    static String message(List<FieldError> errors) {
        String list = errors.stream().map(e -> e.path() + ": " + e.message()).collect(Collectors.joining("; "));
        return errors.size() == 1 ? "invalid spec: " + list : errors.size() + " errors in spec: " + list;
    }
}
