package io.slipway.api;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Map;

/**
 * Used only while the CRDs are generated: the Cluster schema defaults that {@code @Default} cannot express.
 * <ul>
 * <li>rollingUpdate's and remediation's fields: {@link RollingUpdateSpec} and {@link RemediationSpec} are shared with
 * InstanceGroups, where an unset field takes the Cluster's value and so must stay absent.</li>
 * <li>api.loadBalancer's {}: the generator reads a {@code @Default} into the field's Java type and writes it back, which
 * would turn {} into {additionalSecurityGroups: []}.</li>
 * </ul>
 * (The generator's merge-patch customizer cannot do this: it replaces whole property maps.)
 */
public class ClusterSpecSchemaDefaults implements SchemaCustomizer.Customizer {

    @Override
    public JSONSchemaProps apply(JSONSchemaProps clusterSpec, String input, KubernetesSerialization serialization) {
        Map<String, JSONSchemaProps> rollingUpdate = clusterSpec.getProperties().get("rollingUpdate").getProperties();
        rollingUpdate.get("maxSurge").setDefault(IntNode.valueOf(SpecDefaults.MAX_SURGE));
        rollingUpdate.get("maxUnavailable").setDefault(IntNode.valueOf(SpecDefaults.MAX_UNAVAILABLE));
        rollingUpdate.get("drainTimeout").setDefault(TextNode.valueOf(SpecDefaults.DRAIN_TIMEOUT));
        rollingUpdate.get("validationTimeout").setDefault(TextNode.valueOf(SpecDefaults.VALIDATION_TIMEOUT));

        Map<String, JSONSchemaProps> remediation = clusterSpec.getProperties().get("remediation").getProperties();
        remediation.get("enabled").setDefault(BooleanNode.valueOf(SpecDefaults.REMEDIATION_ENABLED));
        remediation.get("unhealthyAfter").setDefault(TextNode.valueOf(SpecDefaults.UNHEALTHY_AFTER));
        remediation.get("maxUnhealthy").setDefault(TextNode.valueOf(SpecDefaults.MAX_UNHEALTHY));

        clusterSpec.getProperties().get("api").getProperties().get("loadBalancer").setDefault(JsonNodeFactory.instance.objectNode());
        return clusterSpec;
    }
}
