package io.slipway.aws.route53;

import io.slipway.cloud.Owner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TXT record that marks a DNS name as Slipway's, as external-dns marks its own: Route53 records have no tags,
 * so the owner (cluster and scope) and the logical id are written beside the record, in the same change batch.
 * Value: {@code "heritage=slipway,slipway/owner=<namespace>/<cluster>,slipway/scope=<scope>,slipway/resource=<id>"}.
 */
record OwnershipRecord(String ownerId, String scope, String logicalId) {
    static final String HERITAGE = "heritage=slipway";

    static OwnershipRecord of(Owner owner, String logicalId) {
        if (owner.isEveryScope()) {
            throw new IllegalArgumentException("cannot mark " + logicalId + " for every scope of " + owner.id());
        }
        return new OwnershipRecord(owner.id(), owner.scope(), logicalId);
    }

    /** The TXT value, quoted as Route53 wants it. */
    String value() {
        return "\"" + HERITAGE + ",slipway/owner=" + ownerId + ",slipway/scope=" + scope + ",slipway/resource="
                + logicalId + "\"";
    }

    /** The mark a TXT value holds; empty when it is not a Slipway mark. */
    static Optional<OwnershipRecord> parse(String txtValue) {
        String text = txtValue.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!text.startsWith(HERITAGE + ",")) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String owner = fields.get("slipway/owner");
        String resource = fields.get("slipway/resource");
        if (owner == null || resource == null) {
            return Optional.empty();
        }
        return Optional.of(new OwnershipRecord(owner, fields.getOrDefault("slipway/scope", Owner.CLUSTER_SCOPE), resource));
    }

    boolean ownedBy(Owner owner) {
        return owner.owns(ownerId, scope);
    }
}
