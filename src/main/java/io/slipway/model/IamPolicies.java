package io.slipway.model;

import io.slipway.api.InstanceGroupRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The IAM policies of a cluster's instance roles, as pure functions of the cluster, account, region and bootstrap
 * store. Least privilege in the manner of kops, written for Slipway:
 * <ul>
 *   <li>control plane: what the AWS cloud-controller-manager (node lifecycle, routes, Service load balancers and
 *       their security groups) and the EBS CSI controller (volumes and snapshots) need, plus reading its own
 *       bootstrap folder;</li>
 *   <li>nodes: describing instances and regions, pulling from ECR and reading their own bootstrap folder;</li>
 *   <li>bastion: reading its own bootstrap folder.</li>
 *   <li>the control plane also creates the init lock ({@link BootstrapStoreLayout#initLockKey()}), that one key.</li>
 * </ul>
 * Actions that create something are allowed only when the request tags it with the cluster tag
 * ({@code aws:RequestTag/kubernetes.io/cluster/<name>}); actions on existing things only when the thing carries
 * it ({@code aws:ResourceTag/...}). Only reads that IAM cannot scope to a resource get {@code "Resource": "*"}.
 * Encrypting volumes with a customer-managed KMS key needs more (kms:CreateGrant...): iam.additionalPolicies.
 */
public final class IamPolicies {
    /** The inline policy Slipway renders for every role. */
    public static final String POLICY_NAME = "slipway";
    /** The inline policy holding the role's iam.additionalPolicies entry. */
    public static final String ADDITIONAL_POLICY_NAME = "additional";

    static final String REQUEST_TAG = "aws:RequestTag/";
    static final String RESOURCE_TAG = "aws:ResourceTag/";
    static final String ELB_SERVICE = "elasticloadbalancing.amazonaws.com";
    /** Values of the cluster tag on what belongs to the cluster: made for it, or shared with it (a BYO subnet). */
    static final List<String> CLUSTER_TAG_VALUES = List.of("owned", "shared");

    /**
     * Where a cluster's policies point.
     *
     * @param clusterName the Kubernetes cluster name (the tag key's suffix)
     * @param partition   the region's partition ({@link AwsPartition#of})
     */
    public record Scope(String clusterName, String partition, String region, String accountId,
                        BootstrapStoreLayout store) {
        public Scope {
            Objects.requireNonNull(clusterName, "clusterName");
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(store, "store");
        }

        String clusterTagKey() {
            return AwsNames.CLUSTER_TAG_PREFIX + clusterName;
        }

        /** {@code arn:<partition>:ec2:<region>:<account>:<type>/*}. */
        String ec2(String type) {
            return "arn:" + partition + ":ec2:" + region + ":" + accountId + ":" + type + "/*";
        }

        String elb(String type) {
            return "arn:" + partition + ":elasticloadbalancing:" + region + ":" + accountId + ":" + type + "/*";
        }
    }

    private IamPolicies() {
    }

    /** Lets EC2 instances assume the role: {@code ec2.<dns suffix of the partition>}. */
    public static PolicyDocument trust(String partition) {
        return PolicyDocument.of(List.of(new PolicyStatement(null, PolicyStatement.ALLOW,
                Map.of("Service", List.of("ec2." + AwsPartition.dnsSuffix(partition))), List.of("sts:AssumeRole"),
                null, null)));
    }

    /** Slipway's inline policy for the instances of {@code role}. */
    public static PolicyDocument forRole(InstanceGroupRole role, Scope scope) {
        List<PolicyStatement> statements = new ArrayList<>();
        switch (role) {
            case ControlPlane -> {
                statements.add(controlPlaneDescribe());
                statements.addAll(ecrPull(scope));
                statements.addAll(cloudControllerManager(scope));
                statements.addAll(ebsCsiController(scope));
                statements.add(initLock(scope));
                statements.add(initLockRead(scope));
            }
            case Node -> {
                statements.add(PolicyStatement.allow("Describe",
                        List.of("ec2:DescribeInstances", "ec2:DescribeRegions"), List.of(PolicyStatement.ANY_RESOURCE)));
                statements.addAll(ecrPull(scope));
            }
            case Bastion -> {
                // its bootstrap alone
            }
        }
        statements.add(bootstrapRead(role, scope));
        return PolicyDocument.of(statements);
    }

    /** The key of iam.additionalPolicies for a role. */
    public static String additionalPolicyKey(InstanceGroupRole role) {
        return switch (role) {
            case ControlPlane -> "controlPlane";
            case Node -> "node";
            case Bastion -> "bastion";
        };
    }

    /** {@code arn:<partition>:s3:::<bucket>/<prefix>bootstrap/<role>/*}: everything a role may read, and only that. */
    public static String bootstrapObjectsArn(InstanceGroupRole role, Scope scope) {
        return s3(scope.partition(), scope.store().bucket() + "/" + scope.store().roleFolder(role) + "*");
    }

    private static PolicyStatement bootstrapRead(InstanceGroupRole role, Scope scope) {
        return PolicyStatement.allow("BootstrapRead", List.of("s3:GetObject"), List.of(bootstrapObjectsArn(role, scope)));
    }

    /** {@code arn:<partition>:s3:::<bucket>/<init lock key>}: the one object the control plane may write. */
    public static String initLockArn(Scope scope) {
        return s3(scope.partition(), scope.store().bucket() + "/" + scope.store().initLockKey());
    }

    /**
     * The first control-plane instance takes the lock by creating it: only a conditional create
     * ({@code If-None-Match: *} present, so {@code s3:if-none-match} is not null) is allowed, never an overwrite,
     * and no role may delete it.
     */
    private static PolicyStatement initLock(Scope scope) {
        return PolicyStatement.allowWhen("InitLock", List.of("s3:PutObject"), List.of(initLockArn(scope)),
                "Null", "s3:if-none-match", List.of("false"));
    }

    /** Who holds the lock: an instance whose create's answer was lost finds its own id in it. */
    private static PolicyStatement initLockRead(Scope scope) {
        return PolicyStatement.allow("InitLockRead", List.of("s3:GetObject"), List.of(initLockArn(scope)));
    }

    /** Reads that IAM cannot scope to a resource: only "*" is accepted for them. */
    private static PolicyStatement controlPlaneDescribe() {
        return PolicyStatement.allow("Describe", List.of(
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeTags",
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeInstanceTopology",
                "ec2:DescribeInstances",
                "ec2:DescribeRegions",
                "ec2:DescribeRouteTables",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSnapshots",
                "ec2:DescribeSubnets",
                "ec2:DescribeTags",
                "ec2:DescribeVolumes",
                "ec2:DescribeVolumesModifications",
                "ec2:DescribeVpcs",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeLoadBalancerPolicies",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth"), List.of(PolicyStatement.ANY_RESOURCE));
    }

    /** Image pulls from any account's repositories; the registry token is account-wide ("*" only). */
    private static List<PolicyStatement> ecrPull(Scope scope) {
        return List.of(
                PolicyStatement.allow("EcrToken", List.of("ecr:GetAuthorizationToken"), List.of(PolicyStatement.ANY_RESOURCE)),
                PolicyStatement.allow("EcrPull", List.of(
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:BatchGetImage",
                        "ecr:DescribeImages",
                        "ecr:DescribeRepositories",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:ListImages"), List.of("arn:" + scope.partition() + ":ecr:*:*:repository/*")));
    }

    /** Security groups, routes and load balancers for Services, all marked with the cluster tag. */
    private static List<PolicyStatement> cloudControllerManager(Scope scope) {
        String key = scope.clusterTagKey();
        return List.of(
                PolicyStatement.allowWhen("CreateClusterSecurityGroups", List.of("ec2:CreateSecurityGroup"),
                        List.of(scope.ec2("security-group")), "StringEquals", REQUEST_TAG + key, CLUSTER_TAG_VALUES),
                // the VPC of a bring-your-own network carries no cluster tag, so the VPC side cannot be conditioned
                PolicyStatement.allow("CreateSecurityGroupsInVpcs", List.of("ec2:CreateSecurityGroup"),
                        List.of(scope.ec2("vpc"))),
                PolicyStatement.allowWhen("TagOnCreate", List.of("ec2:CreateTags"),
                        List.of(scope.ec2("security-group"), scope.ec2("volume"), scope.ec2("snapshot")),
                        "StringEquals", "ec2:CreateAction", List.of("CreateSecurityGroup", "CreateVolume", "CreateSnapshot")),
                PolicyStatement.allowWhen("ManageClusterEc2", List.of(
                                "ec2:AuthorizeSecurityGroupIngress",
                                "ec2:CreateRoute",
                                "ec2:DeleteRoute",
                                "ec2:DeleteSecurityGroup",
                                "ec2:ModifyInstanceAttribute",
                                "ec2:RevokeSecurityGroupIngress"),
                        List.of(scope.ec2("security-group"), scope.ec2("route-table"), scope.ec2("instance")),
                        "StringEquals", RESOURCE_TAG + key, CLUSTER_TAG_VALUES),
                PolicyStatement.allowWhen("CreateClusterLoadBalancers", List.of(
                                "elasticloadbalancing:CreateLoadBalancer",
                                "elasticloadbalancing:CreateTargetGroup"),
                        List.of(scope.elb("loadbalancer"), scope.elb("targetgroup")),
                        "StringEquals", REQUEST_TAG + key, CLUSTER_TAG_VALUES),
                PolicyStatement.allowWhen("TagLoadBalancersOnCreate", List.of("elasticloadbalancing:AddTags"),
                        List.of(scope.elb("loadbalancer"), scope.elb("targetgroup")),
                        "StringEquals", "elasticloadbalancing:CreateAction", List.of("CreateLoadBalancer", "CreateTargetGroup")),
                PolicyStatement.allowWhen("ManageClusterLoadBalancers", List.of(
                                "elasticloadbalancing:AddTags",
                                "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
                                "elasticloadbalancing:AttachLoadBalancerToSubnets",
                                "elasticloadbalancing:ConfigureHealthCheck",
                                "elasticloadbalancing:CreateListener",
                                "elasticloadbalancing:CreateLoadBalancerListeners",
                                "elasticloadbalancing:CreateLoadBalancerPolicy",
                                "elasticloadbalancing:DeleteListener",
                                "elasticloadbalancing:DeleteLoadBalancer",
                                "elasticloadbalancing:DeleteLoadBalancerListeners",
                                "elasticloadbalancing:DeleteTargetGroup",
                                "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
                                "elasticloadbalancing:DeregisterTargets",
                                "elasticloadbalancing:DetachLoadBalancerFromSubnets",
                                "elasticloadbalancing:ModifyListener",
                                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                                "elasticloadbalancing:ModifyTargetGroup",
                                "elasticloadbalancing:ModifyTargetGroupAttributes",
                                "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
                                "elasticloadbalancing:RegisterTargets",
                                "elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer",
                                "elasticloadbalancing:SetLoadBalancerPoliciesOfListener"),
                        List.of(scope.elb("loadbalancer"), scope.elb("targetgroup"), scope.elb("listener")),
                        "StringEquals", RESOURCE_TAG + key, CLUSTER_TAG_VALUES),
                // the first load balancer of an account needs ELB's service-linked role
                PolicyStatement.allowWhen("ElbServiceLinkedRole", List.of("iam:CreateServiceLinkedRole"),
                        List.of("arn:" + scope.partition() + ":iam::" + scope.accountId()
                                + ":role/aws-service-role/" + ELB_SERVICE + "/*"),
                        "StringEquals", "iam:AWSServiceName", List.of(ELB_SERVICE)));
    }

    /** Volumes and snapshots the EBS CSI controller makes (tagged with the cluster tag) and attaches to instances. */
    private static List<PolicyStatement> ebsCsiController(Scope scope) {
        String key = scope.clusterTagKey();
        return List.of(
                PolicyStatement.allowWhen("CreateClusterVolumes", List.of("ec2:CreateVolume", "ec2:CreateSnapshot"),
                        List.of(scope.ec2("volume"), scope.ec2("snapshot")),
                        "StringEquals", REQUEST_TAG + key, CLUSTER_TAG_VALUES),
                PolicyStatement.allowWhen("ManageClusterVolumes", List.of(
                                "ec2:AttachVolume",
                                "ec2:CreateSnapshot",
                                "ec2:CreateTags",
                                "ec2:DeleteSnapshot",
                                "ec2:DeleteTags",
                                "ec2:DeleteVolume",
                                "ec2:DetachVolume",
                                "ec2:ModifyVolume"),
                        List.of(scope.ec2("volume"), scope.ec2("snapshot"), scope.ec2("instance")),
                        "StringEquals", RESOURCE_TAG + key, CLUSTER_TAG_VALUES));
    }

    private static String s3(String partition, String resource) {
        return "arn:" + partition + ":s3:::" + resource;
    }
}
