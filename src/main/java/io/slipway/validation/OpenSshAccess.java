package io.slipway.validation;

import io.slipway.api.ClusterSpec;

import java.util.List;

/**
 * Finds sshAccess entries that open port 22 to the whole internet. kops allows them, so they are legal, but worth a
 * warning. Any prefix length of 0 covers every address of its family (0.0.0.0/0, ::/0, even 10.0.0.0/0).
 */
public final class OpenSshAccess {
    private OpenSshAccess() {
    }

    public static List<String> worldOpen(ClusterSpec spec) {
        return spec == null || spec.sshAccess == null ? List.of()
                : spec.sshAccess.stream().filter(c -> c != null && c.trim().endsWith("/0")).distinct().toList();
    }
}
