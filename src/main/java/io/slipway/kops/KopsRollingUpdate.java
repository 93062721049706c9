package io.slipway.kops;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.RollingUpdateSpec;

/** kops' rollingUpdate (Cluster or InstanceGroup) to Slipway's. */
final class KopsRollingUpdate {
    private KopsRollingUpdate() {
    }

    static RollingUpdateSpec convert(KopsFields rollingUpdate) {
        if (rollingUpdate == null) {
            return null;
        }
        RollingUpdateSpec out = new RollingUpdateSpec();
        out.maxSurge = intOrString(rollingUpdate, "maxSurge");
        out.maxUnavailable = intOrString(rollingUpdate, "maxUnavailable");
        rollingUpdate.drop("drainAndTerminate", "Slipway always drains a node before it terminates the instance");
        rollingUpdate.rest(key -> "Slipway's rollingUpdate has no such setting");
        return out.maxSurge == null && out.maxUnavailable == null ? null : out;
    }

    private static IntOrString intOrString(KopsFields fields, String key) {
        JsonNode v = fields.take(key);
        if (v.isMissingNode()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return new IntOrString(v.intValue());
        }
        if (v.isTextual()) {
            return new IntOrString(v.asText());
        }
        fields.leftovers().add(fields.path(key), "expected a number or a percentage, got " + v);
        return null;
    }
}
