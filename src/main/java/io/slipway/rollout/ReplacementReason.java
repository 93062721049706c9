package io.slipway.rollout;

/** Why an instance is replaced; {@link #wireName()} is what status.rollout and Events say. */
public enum ReplacementReason {
    /** Its configuration hash differs from its group's. */
    OUTDATED_CONFIG("OutdatedConfig"),
    /** Its Node carries the annotation {@value ReplacementCandidates#NEEDS_UPDATE_ANNOTATION}. */
    NODE_NEEDS_UPDATE("NodeNeedsUpdate"),
    /** It was launched before the group's {@value ReplacementCandidates#RESTARTED_AT_ANNOTATION}. */
    RESTARTED("Restarted"),
    /** Remediation found it unhealthy (handed in as an extra candidate). */
    UNHEALTHY("Unhealthy");

    private final String wireName;

    ReplacementReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ReplacementReason fromWireName(String name) {
        for (ReplacementReason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return OUTDATED_CONFIG;
    }
}
