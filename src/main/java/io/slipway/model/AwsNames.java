package io.slipway.model;

import io.slipway.cloud.Owner;

import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroupRole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Every name Slipway gives to something in AWS, derived from the Cluster's namespace and name (and an
 * InstanceGroup's name) alone, so any reconcile, after any crash, derives the same names.
 *
 * <p>Two rules:
 * <ul>
 *   <li>{@code Name} tags (free text, 256 characters) read {@code <namespace>/<cluster>/<logical id>}, e.g.
 *       {@code default/acc/subnet/private-eu-west-1a}: exactly the {@code slipway.io/cluster} and
 *       {@code slipway.io/resource} tags, so they never clash between namespaces.</li>
 *   <li>Names that AWS keeps unique in an account (load balancers, target groups, IAM roles and instance
 *       profiles, launch templates, auto scaling groups; S3 buckets globally; security groups per VPC) are
 *       {@code <purpose>-<namespace>-<cluster>[-<group>]-<hash>}, shortened in the middle to the service's limit.
 *       {@code <hash>} is 8 hex characters of SHA-256 over {@code <namespace>/<cluster>[/<group>]}. It is always
 *       there, because joining with '-' alone is ambiguous ({@code team-a/prod} and {@code team/a-prod}) and the
 *       readable part may be cut; the purpose comes first and is never cut, so one cluster's names differ.</li>
 * </ul>
 * Inputs are names that passed {@link io.slipway.api.NameRules} (lowercase DNS labels, at most 63 characters), and
 * a Kubernetes namespace (a DNS label too).
 */
public final class AwsNames {
    public static final int NAME_TAG_MAX = 256;
    public static final int LOAD_BALANCER_MAX = 32;
    public static final int TARGET_GROUP_MAX = 32;
    public static final int IAM_ROLE_MAX = 64;
    public static final int INSTANCE_PROFILE_MAX = 128;
    public static final int IAM_PATH_MAX = 512;
    public static final int S3_BUCKET_MAX = 63;
    public static final int LAUNCH_TEMPLATE_MAX = 128;
    public static final int AUTO_SCALING_GROUP_MAX = 255;
    public static final int SECURITY_GROUP_MAX = 255;
    public static final int ROLE_SESSION_NAME_MAX = 64;
    public static final int TAG_KEY_MAX = 128;
    static final int HASH_LENGTH = 8;

    public static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";

    private final String namespace;
    private final String cluster;

    private AwsNames(String namespace, String cluster) {
        this.namespace = requireName(namespace, "namespace");
        this.cluster = requireName(cluster, "cluster");
    }

    public static AwsNames of(String namespace, String cluster) {
        return new AwsNames(namespace, cluster);
    }

    public static AwsNames of(Cluster cluster) {
        return new AwsNames(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
    }

    /** {@code <namespace>/<cluster>}: the value of the {@code slipway.io/cluster} ownership tag. */
    public String namespace() {
        return namespace;
    }

    public String cluster() {
        return cluster;
    }

    public String owner() {
        return owner(namespace, cluster);
    }

    /**
     * The ownership tag value without checking the names: a Cluster created before the name rule, with a name now
     * refused, must still be found and deleted.
     */
    public static String owner(String namespace, String cluster) {
        return namespace + "/" + cluster;
    }

    /**
     * {@code kubernetes.io/cluster/<cluster>}: the tag key the AWS cloud-controller-manager and the load balancer
     * controller select a cluster's resources by. It carries the bare cluster name (they know no namespaces), which
     * is why two Clusters of one name may not share an account and region (see the ClusterNameInUse check).
     */
    public String clusterTagKey() {
        return CLUSTER_TAG_PREFIX + cluster;
    }

    /** The {@code Name} tag of the resource with this logical id, e.g. {@code default/acc/vpc}. */
    public String nameTag(String logicalId) {
        return fitWithHash(owner() + "/" + logicalId, NAME_TAG_MAX, identityHash());
    }

    /** A security group's GroupName (unique per VPC; a bring-your-own VPC may hold several clusters). */
    public String securityGroup(SecurityGroupRole role) {
        return unique("slipway-" + role.id(), SECURITY_GROUP_MAX, identityHash());
    }

    /** The Kubernetes API's network load balancer. */
    public String apiLoadBalancer() {
        return unique("api", LOAD_BALANCER_MAX, identityHash());
    }

    /** The target group of the API load balancer's listener (control-plane instances, 443). */
    public String apiTargetGroup() {
        return unique("api", TARGET_GROUP_MAX, identityHash());
    }

    /** The IAM role of the instances of a role; lives under {@link #iamPath()}. */
    public String iamRole(InstanceGroupRole role) {
        return unique(rolePurpose(role), IAM_ROLE_MAX, identityHash());
    }

    /** The instance profile of a role: named as its IAM role, as kops does. */
    public String instanceProfile(InstanceGroupRole role) {
        return iamRole(role);
    }

    /** {@code /slipway/<namespace>/<cluster>/}: under it, one path per owner scope (see {@link #iamPath()}). */
    public String iamClusterPath() {
        return "/slipway/" + namespace + "/" + cluster + "/";
    }

    /**
     * {@code /slipway/<namespace>/<cluster>/cluster/}: the path of the cluster-level IAM roles and instance profiles.
     * The scope element lets a find trust the path where a listing carries no tags (ListInstanceProfiles), without
     * ever taking another scope's (an instance group's) resources for the cluster's.
     */
    public String iamPath() {
        return iamClusterPath() + Owner.CLUSTER_SCOPE + "/";
    }

    /**
     * The bucket that holds the cluster's bootstrap files. Bucket names are global across all accounts, so the hash
     * also covers the account id: two management clusters in different accounts may each have {@code default/acc}.
     */
    public String bootstrapBucket(String accountId) {
        return unique("slipway", S3_BUCKET_MAX, hash(requireText(accountId, "accountId") + "/" + owner()));
    }

    /** The launch template of an InstanceGroup. */
    public String launchTemplate(String instanceGroup) {
        return unique(null, LAUNCH_TEMPLATE_MAX, groupHash(instanceGroup), instanceGroup);
    }

    /** The auto scaling group of an InstanceGroup. */
    public String autoScalingGroup(String instanceGroup) {
        return unique(null, AUTO_SCALING_GROUP_MAX, groupHash(instanceGroup), instanceGroup);
    }

    /**
     * The STS session name of calls made for this cluster with an assumed role, so CloudTrail shows which Cluster:
     * {@code slipway.<namespace>.<cluster>} (dots, because neither name can hold one; '/' is not allowed there).
     */
    public String roleSessionName() {
        return roleSessionName(namespace, cluster);
    }

    /** As {@link #roleSessionName()}, without checking the names (the delete of a Cluster named before the rule needs it). */
    public static String roleSessionName(String namespace, String cluster) {
        String name = ("slipway." + namespace + "." + cluster).replaceAll("[^\\w+=,.@-]", "-");
        return fitWithHash(name, ROLE_SESSION_NAME_MAX, hash(owner(namespace, cluster)));
    }

    private String unique(String purpose, int max, String hash) {
        return unique(purpose, max, hash, null);
    }

    /** {@code [<purpose>-]<namespace>-<cluster>[-<group>]-<hash>}, the middle cut to fit {@code max}. */
    private String unique(String purpose, int max, String hash, String group) {
        String head = purpose == null ? "" : purpose + "-";
        String middle = namespace + "-" + cluster + (group == null ? "" : "-" + group);
        int room = max - head.length() - 1 - hash.length();
        if (middle.length() > room) {
            middle = trimDashes(middle.substring(0, room));
        }
        return head + middle + "-" + hash;
    }

    /** {@code name} as is when it fits, else cut and ended with {@code -<hash>}. */
    private static String fitWithHash(String name, int max, String hash) {
        if (name.length() <= max) {
            return name;
        }
        return trimDashes(name.substring(0, max - hash.length() - 1)) + "-" + hash;
    }

    private static String trimDashes(String s) {
        int end = s.length();
        while (end > 0 && "-/.".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String rolePurpose(InstanceGroupRole role) {
        return switch (role) {
            case ControlPlane -> "control-plane";
            case Node -> "nodes";
            case Bastion -> "bastion";
        };
    }

    private String identityHash() {
        return hash(owner());
    }

    private String groupHash(String instanceGroup) {
        return hash(owner() + "/" + requireName(instanceGroup, "instanceGroup"));
    }

    static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requireName(String value, String what) {
        requireText(value, what);
        if (!value.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || value.length() > 63) {
            throw new IllegalArgumentException(what + " must be a lowercase DNS label of at most 63 characters: " + value);
        }
        return value;
    }

    private static String requireText(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
