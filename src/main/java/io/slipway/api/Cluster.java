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

/** A Kubernetes cluster on AWS, the kops {@code Cluster} as a resource. */
@Group(Cluster.GROUP)
@Version(Cluster.VERSION)
@Kind("Cluster")
@Plural("clusters")
@Singular("cluster")
@ShortNames("slc")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.kubernetesVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Region", jsonPath = ".spec.region", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Cluster extends CustomResource<ClusterSpec, ClusterStatus> implements Namespaced, HoldsMalformedValues {
    public static final String GROUP = "slipway.io";
    public static final String VERSION = "v1alpha1";

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
