package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenSshAccessTest {

    @Test
    void everyPrefixOfLengthZeroOpensSshToTheWorld() {
        assertThat(OpenSshAccess.worldOpen(spec("10.0.0.0/8", "0.0.0.0/0", "::/0", "2001:db8::/32", "0.0.0.0/0")))
                .containsExactly("0.0.0.0/0", "::/0");
        assertThat(OpenSshAccess.worldOpen(spec("192.168.0.0/0"))).containsExactly("192.168.0.0/0");
    }

    @Test
    void restrictedOrEmptyAccessIsNotFlagged() {
        assertThat(OpenSshAccess.worldOpen(spec("203.0.113.0/24", "2001:db8::/48", "198.51.100.7/32"))).isEmpty();
        assertThat(OpenSshAccess.worldOpen(spec())).isEmpty();
        ClusterSpec none = new ClusterSpec();
        none.sshAccess = null;
        assertThat(OpenSshAccess.worldOpen(none)).isEmpty();
        assertThat(OpenSshAccess.worldOpen(null)).isEmpty();
    }

    private static ClusterSpec spec(String... cidrs) {
        ClusterSpec spec = new ClusterSpec();
        spec.sshAccess = new ArrayList<>(List.of(cidrs));
        return spec;
    }
}
