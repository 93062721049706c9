package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A group of machines of one role and shape in a {@link Cluster}, the kops {@code InstanceGroup}. */
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class,
        input = "{\"description\": \"A group of EC2 instances of one role and shape in a Cluster, the kops InstanceGroup: a launch template and an auto scaling group.\"}")
@Group(Cluster.GROUP)
@Version(Cluster.VERSION)
@Kind("InstanceGroup")
@Plural("instancegroups")
@Singular("instancegroup")
@ShortNames("ig")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.clusterName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Role", jsonPath = ".spec.role", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Machine-Type", jsonPath = ".spec.machineType", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.minSize", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.maxSize", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Up-To-Date", jsonPath = ".status.updatedReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = NameRules.INSTANCE_GROUP_NAME_RULE, message = NameRules.INSTANCE_GROUP_NAME_MESSAGE)
public class InstanceGroup extends SlipwayResource<InstanceGroupSpec, InstanceGroupStatus> {
    // No initStatus(): an object nobody has reconciled reads back without status, as from a real API server, and
    // the first reconcile's status is always a change to write.

    @Override
    @JsonPropertyDescription("Desired state of the group. Field names follow kops' InstanceGroupSpec.")
    public InstanceGroupSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state of the group, written by the operator only.")
    public InstanceGroupStatus getStatus() {
        return super.getStatus();
    }

}
