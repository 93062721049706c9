package io.slipway.rollout.remediation;

import java.time.Duration;

/** Durations for messages, written as Go writes them and as the spec takes them: 1h2m3s, 5m, 0s (whole seconds). */
final class GoDurations {
    private GoDurations() {
    }

    static String format(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(m).append('m');
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
