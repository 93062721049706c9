package io.slipway.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.validation.FieldError;

import java.util.List;

/**
 * How any of our resources is refused for an invalid spec: SpecValid=False, Stalled=True, Ready=False with one
 * message listing every error and its field path, and a Warning Event when that message is new.
 */
final class SpecRefusal {
    static final String REASON = "InvalidSpec";

    private SpecRefusal() {
    }

    /** The refusal's message; records a Warning Event when it is new. Sets no condition. */
    static String announce(HasMetadata resource, List<Condition> current, EventRecorder events, List<FieldError> errors) {
        String message = message(errors);
        boolean newlyInvalid = !message.equals(Conditions.get(current, ConditionType.SPEC_VALID)
                .filter(c -> !c.isTrue()).map(c -> c.message).orElse(null));
        if (newlyInvalid) {
            events.warning(resource, REASON, message);
        }
        return message;
    }

    static String message(List<FieldError> errors) {
        return "invalid spec, " + FieldError.summarize(errors);
    }

    /** Sets the conditions and records the Event; returns the message. */
    static String refuse(HasMetadata resource, List<Condition> current, Conditions conditions, EventRecorder events,
                         List<FieldError> errors) {
        String message = message(errors);
        boolean newlyInvalid = !message.equals(Conditions.get(current, ConditionType.SPEC_VALID)
                .filter(c -> !c.isTrue()).map(c -> c.message).orElse(null));
        conditions.set(ConditionType.SPEC_VALID, false, REASON, message)
                .set(ConditionType.STALLED, true, REASON, message)
                .set(ConditionType.RECONCILING, false, REASON, "waiting for a corrected spec")
                .set(ConditionType.READY, false, REASON, message);
        if (newlyInvalid) {
            events.warning(resource, REASON, message);
        }
        return message;
    }
}
