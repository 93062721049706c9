package io.slipway.cloud;

import java.util.Objects;

/**
 * A reference from one desired resource to a value another resource has only once it exists: either
 * another desired resource (by logical id; its cloud id is resolved at apply time from its live state),
 * or a literal cloud id of something Slipway does not model (e.g. an existing NAT gateway).
 */
public record Ref(String logicalId, String literalId) {
    public Ref {
        if ((logicalId == null) == (literalId == null)) {
            throw new IllegalArgumentException("a Ref names either a logical id or a literal cloud id");
        }
    }

    public static Ref to(String logicalId) {
        return new Ref(Objects.requireNonNull(logicalId), null);
    }

    public static Ref literal(String cloudId) {
        return new Ref(null, Objects.requireNonNull(cloudId));
    }

    public boolean isLiteral() {
        return literalId != null;
    }

    @Override
    public String toString() {
        return isLiteral() ? literalId : "ref:" + logicalId;
    }
}
