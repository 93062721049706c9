package io.slipway.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteOrigin;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What exists in moto for one cluster, per Slipway kind name, read with plain SDK clients of its own (no Slipway
 * code, no interceptors) by each service's own means: EC2, ELBv2 and S3 by the {@code slipway.io/cluster} tag, IAM by
 * the cluster's path, Route 53 records by the ownership TXT record beside them, and what the cloud-controller-manager
 * and the CSI driver made for the cluster by {@code kubernetes.io/cluster/<name>=owned} without Slipway's marks. Every kind registered in
 * {@code AwsKinds} has an entry ({@code AwsInventoryCoversEveryKindTest}), so no kind can leak unseen.
 * {@link Boto3Inventory} is the same in Python.
 */
public final class AwsInventory implements AutoCloseable {
    /** The cluster ({@code <namespace>/<name>}) and, when it uses one, the state-store bucket its prefix is in. */
    public record Scope(String cluster, String stateStoreBucket) {
        public static Scope of(String cluster) {
            return new Scope(cluster, null);
        }

        String iamPath() {
            return "/slipway/" + cluster + "/";
        }
    }

    public final Ec2Client ec2;
    public final ElasticLoadBalancingV2Client elbv2;
    public final ElasticLoadBalancingClient elb;
    public final IamClient iam;
    public final Route53Client route53;
    public final S3Client s3;
    public final AutoScalingClient autoScaling;
    private final Map<String, Function<Scope, List<String>>> byKind = new TreeMap<>();

    public AwsInventory(URI endpoint) {
        this(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    public AwsInventory(URI endpoint, AwsCredentialsProvider credentials) {
        ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials).build();
        elbv2 = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        elb = ElasticLoadBalancingClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(credentials).build();
        route53 = Route53Client.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(credentials).build();
        s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).build();
        autoScaling = AutoScalingClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        // EC2 network
        byKind.put("Vpc", s -> ec2.describeVpcs(r -> r.filters(tag(s))).vpcs().stream().map(v -> v.vpcId()).toList());
        // a VPC's DNS attributes: those of each owned VPC (gone with it)
        byKind.put("VpcDnsSupport", s -> byKind.get("Vpc").apply(s).stream().map(vpc -> vpc + "#dns-support").toList());
        byKind.put("VpcDnsHostnames", s -> byKind.get("Vpc").apply(s).stream().map(vpc -> vpc + "#dns-hostnames").toList());
        byKind.put("Subnet", s -> ec2.describeSubnets(r -> r.filters(tag(s))).subnets().stream().map(v -> v.subnetId()).toList());
        byKind.put("InternetGateway", s -> ec2.describeInternetGateways(r -> r.filters(tag(s))).internetGateways().stream()
                .map(g -> g.internetGatewayId()).toList());
        byKind.put("InternetGatewayAttachment", s -> ec2.describeInternetGateways(r -> r.filters(tag(s))).internetGateways()
                .stream().flatMap(g -> g.attachments().stream().map(a -> g.internetGatewayId() + "/" + a.vpcId())).toList());
        byKind.put("ElasticIp", s -> ec2.describeAddresses(r -> r.filters(tag(s))).addresses().stream()
                .map(a -> a.allocationId()).toList());
        byKind.put("NatGateway", s -> ec2.describeNatGateways(r -> r.filter(tag(s))).natGateways().stream()
                .filter(n -> n.tags().stream().anyMatch(t -> t.key().equals(CLUSTER) && t.value().equals(s.cluster())))
                .filter(n -> Set.of("pending", "available").contains(n.stateAsString())).map(n -> n.natGatewayId()).toList());
        byKind.put("RouteTable", s -> ec2.describeRouteTables(r -> r.filters(tag(s))).routeTables().stream()
                .map(t -> t.routeTableId()).toList());
        byKind.put("Route", s -> ec2.describeRouteTables(r -> r.filters(tag(s))).routeTables().stream()
                .flatMap(t -> t.routes().stream().filter(route -> route.origin() == RouteOrigin.CREATE_ROUTE)
                        .map(route -> t.routeTableId() + "/" + route.destinationCidrBlock())).toList());
        byKind.put("RouteTableAssociation", s -> ec2.describeRouteTables(r -> r.filters(tag(s))).routeTables().stream()
                .flatMap(t -> t.associations().stream().filter(a -> !Boolean.TRUE.equals(a.main()))
                        .map(a -> a.routeTableAssociationId())).toList());
        byKind.put("SecurityGroup", s -> groups(s).stream().map(SecurityGroup::groupId).toList());
        byKind.put("SecurityGroupRule", s -> groups(s).stream().flatMap(g -> g.ipPermissions().stream()
                .flatMap(p -> {
                    List<String> rules = new ArrayList<>();
                    p.ipRanges().forEach(range -> rules.add(g.groupId() + "/" + p.ipProtocol() + ":" + p.fromPort() + "-" + p.toPort() + "/" + range.cidrIp()));
                    p.userIdGroupPairs().forEach(pair -> rules.add(g.groupId() + "/" + p.ipProtocol() + ":" + p.fromPort() + "-" + p.toPort() + "/" + pair.groupId()));
                    return rules.stream();
                })).toList());
        // IAM: List calls take no tag filter; Slipway puts a cluster's roles and profiles under its own path
        byKind.put("IamRole", s -> iam.listRolesPaginator(r -> r.pathPrefix(s.iamPath())).roles().stream()
                .filter(r -> r.path().startsWith(s.iamPath())).map(r -> r.roleName()).toList());
        // (moto ignores PathPrefix on ListInstanceProfiles: the path is checked here too)
        byKind.put("IamInstanceProfile", s -> iam.listInstanceProfilesPaginator(r -> r.pathPrefix(s.iamPath()))
                .instanceProfiles().stream().filter(p -> p.path().startsWith(s.iamPath()))
                .map(p -> p.instanceProfileName()).toList());
        byKind.put("IamRolePolicy", s -> byKind.get("IamRole").apply(s).stream().flatMap(role ->
                iam.listRolePoliciesPaginator(r -> r.roleName(role)).policyNames().stream().map(p -> role + "/" + p)).toList());
        byKind.put("IamInstanceProfileRole", s -> iam.listInstanceProfilesPaginator(r -> r.pathPrefix(s.iamPath()))
                .instanceProfiles().stream().filter(p -> p.path().startsWith(s.iamPath()))
                .flatMap(p -> p.roles().stream().map(role -> p.instanceProfileName() + "/" + role.roleName())).toList());
        // S3: buckets by tag; objects as every version and delete marker, in those buckets or under the cluster's prefix
        byKind.put("S3Bucket", this::buckets);
        // a bucket's settings: those its owned buckets have (gone with the bucket)
        byKind.put("S3BucketEncryption", s -> bucketSettings(s, "encryption", bucket -> s3.getBucketEncryption(r -> r.bucket(bucket))));
        byKind.put("S3PublicAccessBlock", s -> bucketSettings(s, "publicAccessBlock", bucket -> s3.getPublicAccessBlock(r -> r.bucket(bucket))));
        byKind.put("S3BucketVersioning", s -> bucketSettings(s, "versioning",
                bucket -> s3.getBucketVersioning(r -> r.bucket(bucket)).status()));
        byKind.put("S3BucketOwnership", s -> bucketSettings(s, "objectOwnership",
                bucket -> s3.getBucketOwnershipControls(r -> r.bucket(bucket))));
        byKind.put("S3Object", s -> {
            List<String> versions = new ArrayList<>();
            buckets(s).forEach(bucket -> versions.addAll(versions(bucket, "")));
            if (s.stateStoreBucket() != null) {
                versions.addAll(versions(s.stateStoreBucket(), s.cluster() + "/"));
            }
            return versions;
        });
        // ELBv2: tags by DescribeTags, at most 20 ARNs a call
        byKind.put("LoadBalancer", s -> ownedArns(s, elbv2.describeLoadBalancersPaginator(r -> { }).loadBalancers().stream()
                .map(b -> b.loadBalancerArn()).toList()));
        // an attribute of each owned load balancer (gone with it)
        byKind.put("LoadBalancerCrossZone", s -> byKind.get("LoadBalancer").apply(s).stream().map(arn -> arn + "#cross-zone").toList());
        byKind.put("TargetGroup", s -> ownedArns(s, elbv2.describeTargetGroupsPaginator(r -> { }).targetGroups().stream()
                .map(g -> g.targetGroupArn()).toList()));
        byKind.put("Listener", s -> byKind.get("LoadBalancer").apply(s).stream()
                .flatMap(arn -> elbv2.describeListeners(r -> r.loadBalancerArn(arn)).listeners().stream())
                .map(l -> l.listenerArn()).toList());
        // Route 53: zones are the user's (shared, never made or deleted by Slipway); records by the TXT beside them
        // instance groups: the launch template, the auto scaling group, and the instances it launched (not a kind,
        // but what a leak of an auto scaling group costs)
        byKind.put("LaunchTemplate", s -> ec2.describeLaunchTemplates(r -> r.filters(tag(s))).launchTemplates().stream()
                .map(t -> t.launchTemplateId()).toList());
        byKind.put("AutoScalingGroup", s -> autoScaling.describeAutoScalingGroups(r -> r.filters(
                        software.amazon.awssdk.services.autoscaling.model.Filter.builder().name("tag:" + CLUSTER)
                                .values(s.cluster()).build())).autoScalingGroups().stream()
                .filter(g -> g.status() == null).map(g -> g.autoScalingGroupName()).toList());
        byKind.put("Instance", s -> ec2.describeInstances(r -> r.filters(tag(s))).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .filter(i -> !List.of("terminated", "shutting-down").contains(i.state().nameAsString()))
                .map(i -> i.instanceId()).toList());
        byKind.put("HostedZone", s -> List.of());
        byKind.put("DnsRecord", this::dnsRecords);
        // what the cloud-controller-manager and the CSI driver made: kubernetes.io/cluster/<name>=owned, no Slipway marks
        byKind.put("CcmClassicLoadBalancer", this::ccmClassicLoadBalancers);
        byKind.put("CcmLoadBalancer", s -> madeByOthers(s, elbv2.describeLoadBalancersPaginator(r -> { }).loadBalancers()
                .stream().map(b -> b.loadBalancerArn()).toList()));
        byKind.put("CcmTargetGroup", s -> madeByOthers(s, elbv2.describeTargetGroupsPaginator(r -> { }).targetGroups()
                .stream().map(g -> g.targetGroupArn()).toList()));
        byKind.put("CcmSecurityGroup", s -> ccmGroups(s).stream().map(SecurityGroup::groupId).toList());
        byKind.put("CcmSecurityGroupRule", this::ccmRules);
        byKind.put("CsiVolume", s -> ec2.describeVolumes(r -> r.filters(clusterTag(s))).volumes().stream()
                .filter(v -> !Set.of("deleting", "deleted").contains(v.stateAsString()))
                .filter(v -> madeByOthers(s, toMap(v.tags()))).map(v -> v.volumeId()).toList());
    }

    /** {@code kubernetes.io/cluster/<name>}, the name being the cluster's after its namespace. */
    private static String clusterTagKey(Scope scope) {
        return "kubernetes.io/cluster/" + scope.cluster().substring(scope.cluster().indexOf('/') + 1);
    }

    private static Filter clusterTag(Scope scope) {
        return Filter.builder().name("tag:" + clusterTagKey(scope)).values("owned").build();
    }

    private static boolean madeByOthers(Scope scope, Map<String, String> tags) {
        return "owned".equals(tags.get(clusterTagKey(scope))) && tags.keySet().stream().noneMatch(k -> k.startsWith("slipway.io/"));
    }

    private static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    private List<String> ccmClassicLoadBalancers(Scope scope) {
        List<String> names = elb.describeLoadBalancers().loadBalancerDescriptions().stream().map(b -> b.loadBalancerName()).toList();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < names.size(); i += 20) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + 20));
            elb.describeTags(r -> r.loadBalancerNames(batch)).tagDescriptions().forEach(d -> {
                Map<String, String> tags = new TreeMap<>();
                d.tags().forEach(t -> tags.put(t.key(), t.value()));
                if (madeByOthers(scope, tags)) {
                    found.add(d.loadBalancerName());
                }
            });
        }
        return found;
    }

    private List<String> madeByOthers(Scope scope, List<String> arns) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 20) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
            for (TagDescription description : elbv2.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
                Map<String, String> tags = new TreeMap<>();
                description.tags().forEach(t -> tags.put(t.key(), t.value()));
                if (madeByOthers(scope, tags)) {
                    found.add(description.resourceArn());
                }
            }
        }
        return found;
    }

    private List<SecurityGroup> ccmGroups(Scope scope) {
        return ec2.describeSecurityGroups(r -> r.filters(clusterTag(scope))).securityGroups().stream()
                .filter(g -> madeByOthers(scope, toMap(g.tags()))).toList();
    }

    /**
     * Rules of the groups tagged for the cluster that name a group the CCM made, or a group that is gone (moto lets
     * a group that rules name be deleted, AWS does not): {@code <group>/<named group>}.
     */
    private List<String> ccmRules(Scope scope) {
        Set<String> existing = ec2.describeSecurityGroups().securityGroups().stream().map(SecurityGroup::groupId)
                .collect(Collectors.toSet());
        Set<String> ccm = ccmGroups(scope).stream().map(SecurityGroup::groupId).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        for (SecurityGroup group : ec2.describeSecurityGroups(r -> r.filters(clusterTag(scope))).securityGroups()) {
            java.util.stream.Stream.concat(group.ipPermissions().stream(), group.ipPermissionsEgress().stream())
                    .flatMap(p -> p.userIdGroupPairs().stream()).map(pair -> pair.groupId())
                    .filter(named -> !named.equals(group.groupId()) && (ccm.contains(named) || !existing.contains(named)))
                    .forEach(named -> found.add(group.groupId() + "/" + named));
        }
        return found;
    }

    private static final String CLUSTER = "slipway.io/cluster";

    private static Filter tag(Scope scope) {
        return Filter.builder().name("tag:" + CLUSTER).values(scope.cluster()).build();
    }

    private List<SecurityGroup> groups(Scope scope) {
        return ec2.describeSecurityGroups(r -> r.filters(tag(scope))).securityGroups();
    }

    private List<String> buckets(Scope scope) {
        List<String> owned = new ArrayList<>();
        for (var bucket : s3.listBuckets().buckets()) {
            try {
                if (s3.getBucketTagging(r -> r.bucket(bucket.name())).tagSet().stream()
                        .anyMatch(t -> t.key().equals(CLUSTER) && t.value().equals(scope.cluster()))) {
                    owned.add(bucket.name());
                }
            } catch (SdkException noTags) {
                // NoSuchTagSet: an untagged bucket is nobody's cluster
            }
        }
        return owned;
    }

    /** {@code <bucket>#<setting>} for each owned bucket whose {@code read} answers something (an error: none). */
    private List<String> bucketSettings(Scope scope, String setting, Function<String, Object> read) {
        List<String> found = new ArrayList<>();
        for (String bucket : buckets(scope)) {
            try {
                if (read.apply(bucket) != null) {
                    found.add(bucket + "#" + setting);
                }
            } catch (SdkException none) {
                // e.g. ServerSideEncryptionConfigurationNotFoundError: the bucket has no such setting
            }
        }
        return found;
    }

    private List<String> versions(String bucket, String prefix) {
        List<String> versions = new ArrayList<>();
        s3.listObjectVersionsPaginator(r -> r.bucket(bucket).prefix(prefix)).forEach(page -> {
            page.versions().forEach(v -> versions.add(bucket + "/" + v.key() + "@" + v.versionId()));
            page.deleteMarkers().forEach(m -> versions.add(bucket + "/" + m.key() + "@" + m.versionId()));
        });
        return versions;
    }

    private List<String> ownedArns(Scope scope, List<String> arns) {
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 20) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
            for (TagDescription description : elbv2.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
                if (description.tags().stream().anyMatch(t -> t.key().equals(CLUSTER) && t.value().equals(scope.cluster()))) {
                    owned.add(description.resourceArn());
                }
            }
        }
        return owned;
    }

    private List<String> dnsRecords(Scope scope) {
        String mark = "slipway/owner=" + scope.cluster();
        List<String> records = new ArrayList<>();
        for (HostedZone zone : route53.listHostedZonesPaginator().hostedZones()) {
            String zoneId = zone.id().substring(zone.id().lastIndexOf('/') + 1);
            List<ResourceRecordSet> sets = route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId))
                    .resourceRecordSets().stream().toList();
            Set<String> owned = sets.stream().filter(r -> r.type() == RRType.TXT)
                    .filter(r -> r.resourceRecords().stream().anyMatch(v -> v.value().contains(mark)))
                    .map(ResourceRecordSet::name).collect(Collectors.toSet());
            sets.stream().filter(r -> owned.contains(r.name()))
                    .forEach(r -> records.add(zoneId + "/" + r.name() + "/" + r.typeAsString()));
        }
        return records;
    }

    /** The kind names this inventory knows. */
    public Set<String> kinds() {
        return Collections.unmodifiableSet(byKind.keySet());
    }

    /** What exists of one kind for the cluster (ids; several of one logical resource = a duplicate). */
    public List<String> of(String kind, Scope scope) {
        Function<Scope, List<String>> inventory = byKind.get(kind);
        if (inventory == null) {
            throw new IllegalArgumentException("no inventory for kind " + kind);
        }
        return inventory.apply(scope);
    }

    /** kind → what exists of it, for every kind that has anything. */
    public Map<String, List<String>> all(Scope scope) {
        Map<String, List<String>> all = new TreeMap<>();
        byKind.forEach((kind, inventory) -> {
            List<String> found = inventory.apply(scope);
            if (!found.isEmpty()) {
                all.put(kind, found);
            }
        });
        return all;
    }

    @Override
    public void close() {
        ec2.close();
        elbv2.close();
        elb.close();
        iam.close();
        route53.close();
        s3.close();
        autoScaling.close();
    }
}
