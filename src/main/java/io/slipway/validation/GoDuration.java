package io.slipway.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Parses durations the way Go's time.ParseDuration does ("1h30m", "90s", "1.5h", "300ms", "0"), so a value
 * accepted here is accepted by kops-style tooling and vice versa. Units: ns, us (µs, μs), ms, s, m, h.
 */
public final class GoDuration {
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException naming what is wrong, e.g. a missing or unknown unit */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration; write e.g. 15m or 1h30m");
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("missing unit in duration \"" + text + "\"; use ns, us, ms, s, m or h (e.g. 15m)");
            }
            long unitNanos = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"; use ns, us, ms, s, m or h");
            };
            String normalised = number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number;
            totalNanos = totalNanos.add(new BigDecimal(normalised).multiply(BigDecimal.valueOf(unitNanos)));
        }
        BigInteger nanos = totalNanos.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long (Go durations end near 292 years)");
        }
        long n = nanos.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. 15m, 90s or 1h30m");
    }
}
