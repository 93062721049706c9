package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.List;

/** A group of machines of one role and shape in a {@link Cluster}, the kops {@code InstanceGroup}. */
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
public class InstanceGroup extends CustomResource<InstanceGroupSpec, InstanceGroupStatus> implements Namespaced, HoldsMalformedValues {
    // No initStatus(): an object without status must read back with a null status. JOSDK (SSA off) patches status
    // with a JSON patch diffed from the cached object; an initialised empty status there yields "add /status/x"
    // operations, which a real API server refuses for an object that has no status yet.

    @JsonIgnore
    private transient List<MalformedValue> malformedValues = List.of();

    @Override
    @JsonIgnore
    public List<MalformedValue> getMalformedValues() {
        return malformedValues;
    }

    @Override
    @JsonIgnore
    public void setMalformedValues(List<MalformedValue> values) {
        this.malformedValues = values == null ? List.of() : List.copyOf(values);
    }
}
