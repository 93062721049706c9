package io.slipway.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.RemediationSpec;

import java.time.Duration;

/** Remediation settings: maxUnhealthy as a count or a percentage, unhealthyAfter as a Go duration longer than 0. */
final class RemediationRules {
    private RemediationRules() {
    }

    static void check(RemediationSpec remediation, String path, ErrorList errors) {
        if (remediation == null) {
            return;
        }
        if (remediation.maxUnhealthy != null) {
            try {
                IntOrPercent.parse(remediation.maxUnhealthy);
            } catch (IllegalArgumentException e) {
                errors.add(path + ".maxUnhealthy", CelMessages.MAX_UNHEALTHY_FORM + " (got " + shown(remediation.maxUnhealthy) + ")");
            }
        }
        String after = path + ".unhealthyAfter";
        if (remediation.unhealthyAfter != null && !errors.has(after)) {
            try {
                Duration d = GoDuration.parse(remediation.unhealthyAfter);
                if (d.isZero() || d.isNegative()) {
                    errors.add(after, "must be longer than 0, e.g. 5m");
                }
            } catch (IllegalArgumentException e) {
                errors.add(after, e.getMessage());
            }
        }
    }

    private static String shown(IntOrString v) {
        return v.getIntVal() != null ? v.getIntVal().toString() : v.getStrVal() == null ? "nothing" : "\"" + v.getStrVal() + "\"";
    }
}
