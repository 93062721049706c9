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

    /** A TXT record's strings hold at most 255 characters each; a longer value is several strings. */
    static final int TXT_STRING_MAX = 255;

    /**
     * The TXT value as Route53 wants it: quoted, and split into strings of at most 255 characters (an instance
     * group's scope with long names can need two), which DNS clients join back.
     */
    String value() {
        String text = HERITAGE + ",slipway/owner=" + ownerId + ",slipway/scope=" + scope + ",slipway/resource=" + logicalId;
        StringBuilder value = new StringBuilder();
        for (int start = 0; start < text.length(); start += TXT_STRING_MAX) {
            value.append(value.length() == 0 ? "" : " ").append('"')
                    .append(text, start, Math.min(text.length(), start + TXT_STRING_MAX)).append('"');
        }
        return value.toString();
    }

    /** The mark a TXT value holds; empty when it is not a Slipway mark. */
    static Optional<OwnershipRecord> parse(String txtValue) {
        String text = joinStrings(txtValue.strip());
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

    /** {@code "a" "b"} → {@code ab}; an unquoted value stays as it is. (Our values hold no quotes or spaces.) */
    private static String joinStrings(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        return value.replaceAll("\"\\s+\"", "").replace("\"", "");
    }

    boolean ownedBy(Owner owner) {
        return owner.owns(ownerId, scope);
    }
}
