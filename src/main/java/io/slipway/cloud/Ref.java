package io.slipway.cloud;

import java.util.Objects;

/**
 * A reference from one desired resource to a value another resource has only once it exists: another desired
 * resource (by logical id), either its cloud id or one of its named {@link Outputs} (a load balancer's DNS name, a
 * role's name, a bucket's ARN), resolved at apply time from its live state; or a literal cloud id of something
 * Slipway does not model (e.g. an existing NAT gateway).
 */
public record Ref(String logicalId, String output, String literalId) {
    public Ref {
        if ((logicalId == null) == (literalId == null)) {
            throw new IllegalArgumentException("a Ref names either a logical id or a literal cloud id");
        }
        if (output != null && logicalId == null) {
            throw new IllegalArgumentException("only a reference to a logical id can name an output");
        }
    }

    /** The cloud id of another desired resource. */
    public static Ref to(String logicalId) {
        return new Ref(Objects.requireNonNull(logicalId), null, null);
    }

    /** A named output of another desired resource (see {@link Outputs}). */
    public static Ref output(String logicalId, String output) {
        return new Ref(Objects.requireNonNull(logicalId), Objects.requireNonNull(output), null);
    }

    public static Ref literal(String cloudId) {
        return new Ref(null, null, Objects.requireNonNull(cloudId));
    }

    public boolean isLiteral() {
        return literalId != null;
    }

    @Override
    public String toString() {
        if (isLiteral()) {
            return literalId;
        }
        return output == null ? "ref:" + logicalId : "ref:" + logicalId + "#" + output;
    }
}
