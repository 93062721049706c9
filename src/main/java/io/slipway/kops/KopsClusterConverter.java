package io.slipway.kops;

import io.slipway.api.ApiSpec;
import io.slipway.api.BastionSpec;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.CniOptions;
import io.slipway.api.IamSpec;
import io.slipway.api.LoadBalancerSpec;
import io.slipway.api.NetworkingSpec;
import io.slipway.api.SubnetType;
import io.slipway.api.TopologySpec;
import io.slipway.api.WireEnums;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A kops v1alpha2 Cluster to a Slipway Cluster spec; every kops field it does not map goes to the {@link Leftovers}. */
final class KopsClusterConverter {
    static final String IPV6 = "IPv6: Slipway clusters are IPv4 only";
    private static final String NO_SUCH_SETTING = "Slipway has no such setting";
    /** Component configuration that kops passes to the Kubernetes binaries, reported one field at a time. */
    private static final List<String> COMPONENTS = List.of("kubelet", "masterKubelet", "controlPlaneKubelet", "kubeAPIServer",
            "kubeControllerManager", "kubeScheduler", "kubeProxy", "kubeDNS", "containerd", "docker", "cloudConfig",
            "cloudControllerManager", "externalCloudControllerManager");
    private static final Set<String> ADDONS = Set.of("externalDns", "certManager", "awsLoadBalancerController", "clusterAutoscaler",
            "nodeTerminationHandler", "metricsServer", "snapshotController", "podIdentityWebhook", "nodeProblemDetector",
            "karpenter", "serviceAccountIssuerDiscovery", "addons");
    /** kops' additionalPolicies keys (role names) to Slipway's. */
    private static final Map<String, String> POLICY_ROLES = Map.of("master", "controlPlane", "control-plane", "controlPlane",
            "controlplane", "controlPlane", "node", "node", "bastion", "bastion");

    /** The converted Cluster: its Slipway name, the kops FQDN it came from, and the spec. */
    record Converted(String name, String fqdn, ClusterSpec spec) {
    }

    private KopsClusterConverter() {
    }

    static Converted convert(KopsDocument document, String nameOverride, Leftovers leftovers) {
        String fqdn = document.name();
        KopsFields spec = new KopsFields(document.content().path("spec"), "spec", leftovers);
        ClusterSpec out = new ClusterSpec();

        String version = spec.text("kubernetesVersion");
        out.kubernetesVersion = version != null && version.matches("^v[0-9].*") ? version.substring(1) : version;
        cloudProvider(spec);
        out.cloudLabels = spec.textMap("cloudLabels");
        out.networkCIDR = ipv4(spec, "networkCIDR");
        out.networkID = spec.text("networkID");
        out.subnets = subnets(spec);
        out.region = regionOf(out.subnets);

        KopsFields topology = spec.object("topology");
        KopsFields dns = topology == null ? null : topology.object("dns");
        String dnsType = dns == null ? null : dns.text("type");
        boolean dnsLess = KopsClusterNames.dnsLess(fqdn, dnsType);
        if (dns != null) {
            if ("Private".equals(dnsType)) {
                leftovers.add(dns.path("type"), "Slipway writes the API record into dnsZone as Route53 finds it by name; kops' private-zone choice is not a setting");
            }
            dns.rest(key -> NO_SUCH_SETTING);
        }
        out.topology = topology(topology, dnsLess, leftovers);

        out.networking = networking(spec.object("networking"));
        ApiSpec api = new ApiSpec();
        String kopsApiPublicName = api(spec.object("api"), api);
        out.api = api;

        String masterPublicName = spec.text("masterPublicName");
        String publicNamePath = masterPublicName != null ? "spec.masterPublicName" : "spec.api.publicName";
        masterPublicName = masterPublicName != null ? masterPublicName : kopsApiPublicName;
        String dnsZone = spec.text("dnsZone");
        out.dnsZone = dnsZone(fqdn, dnsZone, dnsLess, leftovers);
        String name = nameOverride != null ? nameOverride : KopsClusterNames.defaultName(fqdn, out.dnsZone);
        if (dnsLess) {
            if (masterPublicName != null) {
                leftovers.add(publicNamePath, "a cluster without DNS has no API name in Slipway: clients use the load balancer's DNS name");
            }
        } else if (out.dnsZone != null) {
            String kopsApi = KopsClusterNames.kopsApiName(fqdn, masterPublicName);
            if (!kopsApi.equals(KopsClusterNames.slipwayApiName(name, out.dnsZone))) {
                api.publicName = kopsApi;
            }
        }

        out.kubernetesApiAccess = accessList(spec, "kubernetesApiAccess");
        out.sshAccess = accessList(spec, "sshAccess");
        out.sshKeyName = spec.text("sshKeyName");
        out.iam = iam(spec.object("iam"), spec.object("additionalPolicies"));
        out.rollingUpdate = KopsRollingUpdate.convert(spec.object("rollingUpdate"));

        KopsFields kcm = spec.object("kubeControllerManager");
        KopsFields kas = spec.object("kubeAPIServer");
        out.podCIDR = cidrFrom(spec, "podCIDR", kcm, "clusterCIDR");
        out.serviceClusterIPRange = cidrFrom(spec, "serviceClusterIPRange", kas, "serviceClusterIPRange");
        String nonMasquerade = spec.text("nonMasqueradeCIDR");
        if (nonMasquerade != null) {
            leftovers.add("spec.nonMasqueradeCIDR", nonMasquerade.contains(":") ? IPV6
                    : "Slipway has no such field: pods and Services take their addresses from podCIDR and serviceClusterIPRange (Slipway's defaults where kops gave none)");
        }

        spec.drop("etcdClusters", "Slipway runs etcd stacked on the control-plane instances and manages its members and volumes itself");
        spec.drop("configBase", "Slipway keeps a cluster's state in the management cluster and AWS, not in a kops state store");
        spec.drop("channel", "Slipway installs the components tested with kubernetesVersion; there are no kops channels");
        spec.drop("authorization", "Slipway clusters always use RBAC");
        spec.drop("masterInternalName", "Slipway names the API's internal endpoint itself");
        spec.drop("additionalNetworkCIDRs", "a Slipway VPC has the one networkCIDR");
        spec.drop("externalPolicies", "Slipway attaches no managed policies to its roles; put the statements in iam.additionalPolicies");
        for (String component : COMPONENTS) {
            KopsFields settings = component.equals("kubeControllerManager") ? kcm
                    : component.equals("kubeAPIServer") ? kas : spec.object(component);
            if (settings != null) {
                settings.restAsUnexposed(component);
            }
        }
        spec.rest(key -> ADDONS.contains(key) ? "Slipway does not install this add-on" : NO_SUCH_SETTING);
        return new Converted(name, fqdn, out);
    }

    private static void cloudProvider(KopsFields spec) {
        if (!spec.has("cloudProvider")) {
            spec.take("cloudProvider");
            return;
        }
        if (spec.take("cloudProvider").isTextual()) {
            String cloud = spec.text("cloudProvider");
            if (!"aws".equals(cloud)) {
                spec.leftovers().add("spec.cloudProvider", "Slipway builds clusters on AWS only, not on " + cloud);
            }
            return;
        }
        KopsFields clouds = spec.object("cloudProvider");
        if (clouds == null) {
            return;
        }
        KopsFields aws = clouds.object("aws");
        if (aws != null) {
            aws.restAsUnexposed("AWS cloud provider");
        }
        clouds.rest(key -> "Slipway builds clusters on AWS only, not on " + key);
    }

    private static String regionOf(List<ClusterSubnet> subnets) {
        for (ClusterSubnet s : subnets) {
            if (s.zone != null && s.zone.matches(".*[0-9][a-z]$")) {
                return s.zone.substring(0, s.zone.length() - 1);
            }
        }
        return null;
    }

    private static List<ClusterSubnet> subnets(KopsFields spec) {
        List<ClusterSubnet> out = new ArrayList<>();
        var list = spec.take("subnets");
        if (list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            spec.leftovers().add("spec.subnets", "expected a list, got " + list.getNodeType().name().toLowerCase());
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                spec.leftovers().add("spec.subnets[" + i + "]", "expected an object, got " + list.get(i).getNodeType().name().toLowerCase());
                continue;
            }
            KopsFields f = new KopsFields(list.get(i), "spec.subnets[" + i + "]", spec.leftovers());
            ClusterSubnet s = new ClusterSubnet();
            s.name = f.text("name");
            s.zone = f.text("zone");
            s.cidr = ipv4(f, "cidr");
            String type = f.text("type");
            if (type != null && WireEnums.parse(SubnetType.class, type).isEmpty()) {
                spec.leftovers().add(f.path("type"), "DualStack".equals(type) ? IPV6
                        : "Slipway's subnet types are Public, Private and Utility, not " + type);
            } else {
                s.type = type;
            }
            s.id = f.text("id");
            s.egress = f.text("egress");
            f.drop("ipv6CIDR", IPV6);
            f.rest(key -> "Slipway subnets have no such setting");
            out.add(s);
        }
        return out;
    }

    private static TopologySpec topology(KopsFields topology, boolean dnsLess, Leftovers leftovers) {
        if (topology == null) {
            return null;
        }
        TopologySpec out = new TopologySpec();
        String masters = topology.text("masters");
        String controlPlane = topology.text("controlPlane");
        out.controlPlane = controlPlane != null ? controlPlane : masters;
        out.nodes = topology.text("nodes");
        KopsFields bastion = topology.object("bastion");
        if (bastion != null) {
            out.bastion = new BastionSpec();
            String publicName = bastion.text("bastionPublicName");
            if (publicName != null && dnsLess) {
                leftovers.add(bastion.path("bastionPublicName"), "a cluster without DNS has no bastion name in Slipway: use the bastion's load balancer name");
            } else {
                out.bastion.bastionPublicName = publicName;
            }
            out.bastion.idleTimeoutSeconds = bastion.integer("idleTimeoutSeconds");
            bastion.rest(key -> "Slipway's bastion has no such setting");
        }
        topology.rest(key -> NO_SUCH_SETTING);
        return out;
    }

    private static NetworkingSpec networking(KopsFields networking) {
        if (networking == null) {
            return null;
        }
        NetworkingSpec out = new NetworkingSpec();
        out.cilium = cni(networking, "cilium");
        out.calico = cni(networking, "calico");
        out.amazonvpc = cni(networking, "amazonvpc");
        out.cni = cni(networking, "cni");
        networking.rest(key -> "Slipway supports cilium, calico, amazonvpc and cni (bring your own); without one of them Slipway installs its default, Cilium");
        return out.cilium == null && out.calico == null && out.amazonvpc == null && out.cni == null ? null : out;
    }

    private static CniOptions cni(KopsFields networking, String key) {
        KopsFields options = networking.object(key);
        if (options == null) {
            return null;
        }
        CniOptions out = new CniOptions();
        out.version = options.text("version");
        options.rest(k -> "Slipway installs " + key + " with its own settings; only version carries over");
        return out;
    }

    /** Fills {@code out.loadBalancer}; returns kops' api.publicName, if any. */
    private static String api(KopsFields api, ApiSpec out) {
        if (api == null) {
            return null;
        }
        api.drop("dns", "Slipway always puts a Network Load Balancer in front of the API servers");
        KopsFields lb = api.object("loadBalancer");
        if (lb != null) {
            LoadBalancerSpec l = new LoadBalancerSpec();
            l.type = lb.text("type");
            String lbClass = lb.text("class");
            if (lbClass != null && !"Network".equals(lbClass)) {
                api.leftovers().add(lb.path("class"), "Slipway's API load balancer is a Network Load Balancer, not " + lbClass);
            }
            l.crossZoneLoadBalancing = lb.bool("crossZoneLoadBalancing");
            l.additionalSecurityGroups = lb.texts("additionalSecurityGroups");
            lb.rest(key -> "Slipway's API load balancer has no such setting");
            out.loadBalancer = l;
        }
        String publicName = api.text("publicName");
        api.rest(key -> NO_SUCH_SETTING);
        return publicName;
    }

    private static String dnsZone(String fqdn, String dnsZone, boolean dnsLess, Leftovers leftovers) {
        if (dnsLess) {
            if (dnsZone != null) {
                leftovers.add("spec.dnsZone", "the cluster uses no DNS (a .k8s.local name or topology.dns.type None), so Slipway writes no record");
            }
            return null;
        }
        if (dnsZone == null) {
            return KopsClusterNames.zoneOf(fqdn);
        }
        if (KopsClusterNames.isZoneId(dnsZone)) {
            String zone = KopsClusterNames.zoneOf(fqdn);
            leftovers.add("spec.dnsZone", "a hosted zone id; Slipway names the zone by its domain, taken from the cluster name as " + zone);
            return zone;
        }
        return dnsZone.endsWith(".") ? dnsZone.substring(0, dnsZone.length() - 1) : dnsZone;
    }

    /** IPv4 CIDRs; IPv6 ones and prefix lists are reported. */
    private static List<String> accessList(KopsFields spec, String key) {
        List<String> out = new ArrayList<>();
        List<String> all = spec.texts(key);
        for (int i = 0; i < all.size(); i++) {
            String cidr = all.get(i);
            if (cidr.contains(":")) {
                spec.leftovers().add(spec.path(key) + "[" + i + "]", cidr + ": " + IPV6);
            } else if (cidr.startsWith("pl-")) {
                spec.leftovers().add(spec.path(key) + "[" + i + "]", cidr + ": Slipway takes CIDRs, not prefix lists");
            } else {
                out.add(cidr);
            }
        }
        return out;
    }

    private static String ipv4(KopsFields fields, String key) {
        String cidr = fields.text(key);
        if (cidr != null && cidr.contains(":")) {
            fields.leftovers().add(fields.path(key), IPV6);
            return null;
        }
        return cidr;
    }

    /** The spec's own field, else the component flag kops also reads it from. */
    private static String cidrFrom(KopsFields spec, String key, KopsFields component, String componentKey) {
        String own = ipv4(spec, key);
        String flag = component == null ? null : ipv4(component, componentKey);
        if (own != null && flag != null && !own.equals(flag)) {
            spec.leftovers().add(component.path(componentKey), "differs from spec." + key + " (" + own + "), which is taken");
        }
        return own != null ? own : flag;
    }

    private static IamSpec iam(KopsFields iam, KopsFields policies) {
        IamSpec out = new IamSpec();
        if (iam != null) {
            out.permissionsBoundary = iam.text("permissionsBoundary");
            iam.rest(key -> "Slipway's IAM roles are its own and have no such setting; add statements through iam.additionalPolicies");
        }
        if (policies != null) {
            for (String role : policies.keys()) {
                String slipwayRole = POLICY_ROLES.get(role);
                if (slipwayRole == null) {
                    continue;
                }
                String statements = policies.text(role);
                if (statements != null) {
                    out.additionalPolicies.put(slipwayRole, statements);
                }
            }
            policies.rest(key -> "Slipway's roles are controlPlane (kops' master), node and bastion");
        }
        return out.permissionsBoundary == null && out.additionalPolicies.isEmpty() ? null : out;
    }
}
