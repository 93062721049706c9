package io.slipway.controller;

import io.slipway.api.ConditionType;

/**
 * The parts of a Cluster's one desired graph that report progress separately, told apart by logical id (the
 * models name their resources {@code iam/...}, {@code s3/...}, {@code elb/...}, {@code dns/...}; the rest is network).
 */
enum InfrastructurePart {
    NETWORK(ConditionType.NETWORK_READY, "the network"),
    IAM(ConditionType.IAM_READY, "IAM"),
    BOOTSTRAP_STORE(ConditionType.CREDENTIALS_READY, "the bootstrap store"),
    API_ENDPOINT(ConditionType.API_ENDPOINT_READY, "the API endpoint");

    private final String condition;
    private final String description;

    InfrastructurePart(String condition, String description) {
        this.condition = condition;
        this.description = description;
    }

    String condition() {
        return condition;
    }

    String description() {
        return description;
    }

    static InfrastructurePart of(String logicalId) {
        if (logicalId.startsWith("iam/")) {
            return IAM;
        }
        if (logicalId.startsWith("s3/")) {
            return BOOTSTRAP_STORE;
        }
        if (logicalId.startsWith("elb/") || logicalId.startsWith("dns/")) {
            return API_ENDPOINT;
        }
        return NETWORK;
    }
}
