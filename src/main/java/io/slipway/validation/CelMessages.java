package io.slipway.validation;

import io.slipway.api.NameRules;

/**
 * The messages of the CRDs' CEL rules (x-kubernetes-validations) that the validators re-check, word for word,
 * so a user sees the same text whether the API server or the operator refused the spec. A test compares this
 * list with the @ValidationRule annotations of the API types.
 */
final class CelMessages {
    static final String NETWORK_CIDR_REQUIRED = "networkCIDR is required unless networkID names an existing VPC";
    static final String PRIVATE_NODES_NEED_PRIVATE_SUBNET = "private node topology needs at least one Private subnet";
    static final String PRIVATE_NODES_NEED_UTILITY_SUBNET = "private node topology needs Utility subnets for load balancers and NAT";
    static final String SUBNET_NAMES_UNIQUE = "subnet names must be unique";
    static final String SUBNET_NEEDS_CIDR_OR_ID = "a subnet needs cidr, or id of an existing subnet";
    static final String IDENTITY_ROLE_OR_SECRET = "set either roleARN or secretRef, not both";
    static final String EXTERNAL_ID_NEEDS_ROLE = "externalID needs roleARN";
    static final String ONE_CNI = "set at most one of cilium, calico, amazonvpc, cni";
    static final String ADDITIONAL_POLICY_KEYS = "additionalPolicies keys are controlPlane, node and bastion";
    static final String SURGE_AND_UNAVAILABLE_ZERO = "maxSurge and maxUnavailable cannot both be 0";
    static final String MAX_UNHEALTHY_FORM = "maxUnhealthy must be a count like 2 or a percentage from 0% to 100%";
    static final String MIN_NOT_ABOVE_MAX = "minSize must not exceed maxSize";
    static final String CONTROL_PLANE_ODD = "a control plane needs an odd number of members for etcd quorum";
    static final String MAX_PRICE_WITH_MIXED = "maxPrice and mixedInstancesPolicy cannot be combined; set spot options in mixedInstancesPolicy";
    static final String RESERVED_NODE_LABELS = "nodeLabels may not use the kubernetes.io/ or k8s.io/ prefixes that the kubelet reserves";
    static final String IOPS_TYPES = "iops applies to gp3, io1 and io2 volumes";
    static final String THROUGHPUT_TYPE = "throughput applies to gp3 volumes";
    static final String CLUSTER_NAME = NameRules.CLUSTER_NAME_MESSAGE;
    static final String INSTANCE_GROUP_NAME = NameRules.INSTANCE_GROUP_NAME_MESSAGE;
    static final String KMS_NEEDS_ENCRYPTION = "kmsKeyId needs encrypted: true";

    // Transition rules, checked by ImmutableFields against the last applied spec.
    static final String REGION_IMMUTABLE = "region is immutable";
    static final String NETWORK_CIDR_IMMUTABLE = "networkCIDR is immutable";
    static final String NETWORK_ID_IMMUTABLE = "networkID is immutable";
    static final String SUBNET_ID_IMMUTABLE = "subnet id is immutable: a subnet keeps the id it was created with";
    static final String CLUSTER_NAME_IMMUTABLE = "clusterName is immutable";

    private CelMessages() {
    }
}
