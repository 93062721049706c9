package io.slipway.kops;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.validation.ClusterSpecValidator;
import io.slipway.validation.FieldError;
import io.slipway.validation.InstanceGroupSpecValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a kops file (one Cluster and its InstanceGroups, any order), converts it and runs the operator's own
 * validators on the result. What does not carry over and what is invalid are returned, never thrown; only input
 * that cannot be converted at all throws {@link KopsInputException}.
 */
public final class KopsImport {
    public static final String KOPS_API_VERSION = "kops.k8s.io/v1alpha2";
    /** The label kops puts on an InstanceGroup to name its cluster. */
    public static final String CLUSTER_LABEL = "kops.k8s.io/cluster";

    /** Exit codes of the command. */
    public static final int CONVERTED = 0;
    public static final int INVALID = 1;
    public static final int UNREADABLE = 2;

    /**
     * @param namespace the namespace to put the objects in; null leaves it out (kubectl's current namespace)
     * @param name      the Slipway Cluster name; null derives it from the kops cluster name
     */
    public record Options(String namespace, String name) {
    }

    /** A converted InstanceGroup. */
    public record Group(String name, InstanceGroupSpec spec) {
    }

    /** A reason the result would be refused: the object (e.g. {@code Cluster/demo}) and the error. */
    public record Problem(String object, FieldError error) {
        @Override
        public String toString() {
            return object + " " + error;
        }
    }

    /**
     * The conversion.
     *
     * @param kopsName the kops cluster name (an FQDN)
     * @param groups   the converted groups, in input order (groups that could not be converted are only in problems)
     */
    public record Result(Options options, String kopsName, String clusterName, ClusterSpec cluster, List<Group> groups,
                         List<NotCarriedOver> notCarriedOver, List<Problem> problems) {
        public int exitCode() {
            return problems.isEmpty() ? CONVERTED : INVALID;
        }
    }

    private KopsImport() {
    }

    public static Result convert(String yaml, Options options) throws KopsInputException {
        List<KopsDocument> documents = KopsDocuments.read(yaml);
        KopsDocument clusterDoc = null;
        List<KopsDocument> groupDocs = new ArrayList<>();
        List<NotCarriedOver> notCarried = new ArrayList<>();
        for (KopsDocument d : documents) {
            String apiVersion = d.content().path("apiVersion").asText("");
            if (!apiVersion.equals(KOPS_API_VERSION)) {
                throw new KopsInputException(d.where() + ": apiVersion \"" + apiVersion + "\" is not " + KOPS_API_VERSION
                        + ", which kops get cluster -o yaml and kops get ig -o yaml write");
            }
            if (d.name().isEmpty()) {
                throw new KopsInputException(d.where() + ": a " + d.kind() + " without metadata.name");
            }
            JsonNode spec = d.content().path("spec");
            if (!spec.isMissingNode() && !spec.isNull() && !spec.isObject()) {
                throw new KopsInputException(d.where() + ": the spec of " + d.kind() + " " + d.name() + " is not an object");
            }
            switch (d.kind()) {
                case "Cluster" -> {
                    if (clusterDoc != null) {
                        throw new KopsInputException(d.where() + ": a second Cluster (" + d.name() + "); " + clusterDoc.where()
                                + " is Cluster " + clusterDoc.name() + ". Convert one Cluster and its InstanceGroups at a time");
                    }
                    clusterDoc = d;
                }
                case "InstanceGroup" -> groupDocs.add(d);
                default -> notCarried.add(new NotCarriedOver(d.kind() + "/" + d.name(), d.where(),
                        "Slipway has no " + (d.kind().isEmpty() ? "object without kind" : d.kind()) + "; only Cluster and InstanceGroup convert"));
            }
        }
        if (clusterDoc == null) {
            throw new KopsInputException(documents.isEmpty() ? "the input holds no kops objects: expected a kops Cluster and its InstanceGroups"
                    : "no kops Cluster among the " + documents.size() + " documents: the Cluster is needed for its InstanceGroups (kops get cluster NAME -o yaml)");
        }
        for (KopsDocument g : groupDocs) {
            String owner = g.content().path("metadata").path("labels").path(CLUSTER_LABEL).asText(null);
            if (owner != null && !owner.equals(clusterDoc.name())) {
                throw new KopsInputException(g.where() + ": InstanceGroup " + g.name() + " belongs to cluster " + owner + " (label "
                        + CLUSTER_LABEL + "), not to " + clusterDoc.name() + " of " + clusterDoc.where());
            }
        }

        Leftovers clusterLeftovers = new Leftovers("Cluster/" + clusterDoc.name());
        KopsClusterConverter.Converted cluster = KopsClusterConverter.convert(clusterDoc, options.name(), clusterLeftovers);
        metadata(clusterDoc, clusterLeftovers);
        notCarried.addAll(0, clusterLeftovers.items());

        List<Problem> problems = new ArrayList<>();
        String clusterObject = "Cluster/" + cluster.name();
        ClusterSpecValidator.validateName(cluster.name()).forEach(e -> problems.add(new Problem(clusterObject, e)));
        ClusterSpecValidator.validate(cluster.spec()).forEach(e -> problems.add(new Problem(clusterObject, e)));

        List<Group> groups = new ArrayList<>();
        for (KopsDocument g : groupDocs) {
            Leftovers leftovers = new Leftovers("InstanceGroup/" + g.name());
            KopsInstanceGroupConverter.Converted converted = KopsInstanceGroupConverter.convert(g, cluster.name(), leftovers);
            String object = "InstanceGroup/" + g.name();
            if (converted.spec() == null) {
                problems.add(new Problem(object, converted.refusal()));
                continue;
            }
            metadata(g, leftovers);
            notCarried.addAll(leftovers.items());
            groups.add(new Group(g.name(), converted.spec()));
            InstanceGroupSpecValidator.validateName(g.name()).forEach(e -> problems.add(new Problem(object, e)));
            InstanceGroupSpecValidator.validate(converted.spec(), cluster.spec()).forEach(e -> problems.add(new Problem(object, e)));
        }
        return new Result(options, cluster.fqdn(), cluster.name(), cluster.spec(), groups, List.copyOf(notCarried), List.copyOf(problems));
    }

    /** Labels and annotations other than kops' cluster label are reported: the output carries none. */
    private static void metadata(KopsDocument document, Leftovers leftovers) {
        JsonNode metadata = document.content().path("metadata");
        for (String part : List.of("labels", "annotations")) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> metadata.path(part).fields()) {
                if (!(part.equals("labels") && e.getKey().equals(CLUSTER_LABEL))) {
                    leftovers.add("metadata." + part + "[" + e.getKey() + "]", "the output carries no " + part + " from kops");
                }
            }
        }
    }
}
