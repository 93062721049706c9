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

/** A Kubernetes cluster on AWS, the kops {@code Cluster} as a resource. */
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class,
        input = "{\"description\": \"A Kubernetes cluster on AWS that Slipway builds and keeps, the kops Cluster as a resource: network, IAM, API load balancer and DNS, PKI.\"}")
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
@ValidationRule(value = NameRules.CLUSTER_NAME_RULE, message = NameRules.CLUSTER_NAME_MESSAGE)
// The immutable fields are held once the operator has applied them (status.applied, written before its first AWS
// call), not from creation: a Cluster refused before it reached AWS (a network address with host bits, a region that
// does not exist) must be correctable as its SpecValid message says. At the root, the only node that sees status.
@ValidationRule(value = Cluster.ONCE_APPLIED + "self.spec.region == oldSelf.spec.region",
        message = "region is immutable", fieldPath = ".spec.region", reason = "FieldValueForbidden")
@ValidationRule(value = Cluster.ONCE_APPLIED + "!has(oldSelf.spec.networkCIDR)"
        + " || (has(self.spec.networkCIDR) && self.spec.networkCIDR == oldSelf.spec.networkCIDR)",
        message = "networkCIDR is immutable", fieldPath = ".spec.networkCIDR", reason = "FieldValueForbidden")
@ValidationRule(value = Cluster.ONCE_APPLIED + "(has(oldSelf.spec.networkID) == has(self.spec.networkID)"
        + " && (!has(self.spec.networkID) || self.spec.networkID == oldSelf.spec.networkID))",
        message = "networkID is immutable", fieldPath = ".spec.networkID", reason = "FieldValueForbidden")
@ValidationRule(value = Cluster.ONCE_APPLIED + "oldSelf.spec.subnets.all(o, self.spec.subnets.all(s, s.name != o.name"
        + " || (has(s.id) == has(o.id) && (!has(s.id) || s.id == o.id))))",
        message = "subnet id is immutable: a subnet keeps the id it was created with", fieldPath = ".spec.subnets",
        reason = "FieldValueForbidden")
public class Cluster extends SlipwayResource<ClusterSpec, ClusterStatus> {
    public static final String GROUP = "slipway.io";
    public static final String VERSION = "v1alpha1";
    static final String ONCE_APPLIED = "!has(oldSelf.status) || !has(oldSelf.status.applied) || ";

    // No initStatus(): an object nobody has reconciled reads back without status, as from a real API server, and
    // the first reconcile's status is always a change to write.

    @Override
    @JsonPropertyDescription("Desired state of the cluster. Field names follow kops' ClusterSpec.")
    public ClusterSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state of the cluster, written by the operator only.")
    public ClusterStatus getStatus() {
        return super.getStatus();
    }

}
