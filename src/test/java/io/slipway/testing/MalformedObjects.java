package io.slipway.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.slipway.testing.kube.KubeApiServer;

/** How tests put objects into the API that its admission would refuse. */
public final class MalformedObjects {
    private MalformedObjects() {
    }

    /**
     * Stores an object the API's admission would refuse, as one stored under an older schema or by a permissive server
     * can be: its raw JSON, with the API's validation of custom resources off for that one write.
     */
    public static void storeBypassingAdmission(KubeApiServer api, String yaml) {
        GenericKubernetesResource raw = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        api.setCustomResourceValidation(false);
        try {
            api.client().resource(raw).create();
        } finally {
            api.setCustomResourceValidation(true);
        }
    }
}
