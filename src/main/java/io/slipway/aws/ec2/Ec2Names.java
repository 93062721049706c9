package io.slipway.aws.ec2;

/** Logical-id helpers shared by kinds whose ids derive from another resource's. */
final class Ec2Names {
    private Ec2Names() {
    }

    /** "routetable/private-a" → "private-a"; ids without a slash are returned as they are. */
    static String suffix(String logicalId) {
        int slash = logicalId.indexOf('/');
        return slash < 0 ? logicalId : logicalId.substring(slash + 1);
    }
}
