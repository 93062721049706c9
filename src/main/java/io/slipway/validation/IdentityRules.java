package io.slipway.validation;

import io.slipway.api.AwsIdentity;
import io.slipway.api.ClusterSpec;

import java.util.regex.Pattern;

/** How the operator signs in to AWS for a Cluster, and ARNs that must belong to the Cluster's partition. */
final class IdentityRules {
    /** STS AssumeRole's limits on ExternalId. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("^[\\w+=,.@:/-]{2,1224}$");

    private IdentityRules() {
    }

    static void check(ClusterSpec spec, ErrorList errors) {
        AwsIdentity id = spec.identity;
        if (id != null) {
            if (id.roleARN != null && id.secretRef != null) {
                errors.add("spec.identity", CelMessages.IDENTITY_ROLE_OR_SECRET
                        + ": roleARN is assumed with the operator's own credentials, secretRef replaces them");
            }
            if (id.externalID != null) {
                if (id.roleARN == null) {
                    errors.add("spec.identity.externalID", CelMessages.EXTERNAL_ID_NEEDS_ROLE);
                } else if (!EXTERNAL_ID.matcher(id.externalID).matches()) {
                    errors.add("spec.identity.externalID", "an external id has 2 to 1224 characters of letters, digits and + = , . @ : / - _");
                }
            }
            checkPartition(id.roleARN, "spec.identity.roleARN", spec, errors);
        }
        if (spec.iam != null) {
            checkPartition(spec.iam.permissionsBoundary, "spec.iam.permissionsBoundary", spec, errors);
        }
    }

    /** An ARN's partition must match the region's: a role in aws-cn cannot be used from eu-west-1. */
    static void checkPartition(String arn, String path, ClusterSpec spec, ErrorList errors) {
        String regionPartition = AwsRegions.partition(spec.region);
        if (arn == null || regionPartition == null || errors.has(path)) {
            return;
        }
        String[] parts = arn.split(":", 3);
        if (parts.length >= 2 && parts[0].equals("arn") && !parts[1].equals(regionPartition)) {
            errors.add(path, "ARN is in partition " + parts[1] + " but region " + spec.region + " is in partition " + regionPartition
                    + "; use arn:" + regionPartition + ":...");
        }
    }
}
