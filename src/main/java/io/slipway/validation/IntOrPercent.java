package io.slipway.validation;

import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A maxSurge / maxUnavailable value: a count ≥ 0 or a percentage "N%" with N in 0..100. Strings without "%" are
 * refused, as Kubernetes refuses them for Deployments.
 */
public record IntOrPercent(int value, boolean percent) {
    private static final Pattern PERCENT = Pattern.compile("^(0|[1-9][0-9]*)%$");

    /** @throws IllegalArgumentException with a message naming the accepted forms */
    public static IntOrPercent parse(IntOrString v) {
        if (v == null || (v.getIntVal() == null && v.getStrVal() == null)) {
            throw new IllegalArgumentException("must be a number like 1 or a percentage like 25%");
        }
        if (v.getIntVal() != null) {
            if (v.getIntVal() < 0) {
                throw new IllegalArgumentException("must not be negative (got " + v.getIntVal() + ")");
            }
            return new IntOrPercent(v.getIntVal(), false);
        }
        String s = v.getStrVal();
        Matcher m = PERCENT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a number like 1 or a percentage like 25% (got \"" + s + "\")");
        }
        if (m.group(1).length() > 3 || Integer.parseInt(m.group(1)) > 100) {
            throw new IllegalArgumentException("a percentage must be between 0% and 100% (got \"" + s + "\")");
        }
        return new IntOrPercent(Integer.parseInt(m.group(1)), true);
    }

    public boolean isZero() {
        return value == 0;
    }

    /**
     * The count for a group of {@code total} instances. Percentages round up for maxSurge and down for
     * maxUnavailable, as Kubernetes Deployments do.
     */
    public int resolve(int total, boolean roundUp) {
        if (!percent) {
            return value;
        }
        long scaled = (long) total * value;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
