package io.slipway.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** How tests put objects into the API that its admission would refuse. */
public final class MalformedObjects {
    private MalformedObjects() {
    }

    /**
     * The one way tests store an object the API's admission would refuse (as one stored under an older schema or by a
     * permissive server can be): its raw JSON, straight into storage. When the test API checks objects at admission,
     * this is where to switch that off.
     */
    public static void storeBypassingAdmission(KubernetesClient client, String yaml) {
        GenericKubernetesResource raw = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        client.resource(raw).create();
    }
}
