package io.slipway.workload;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointOverridesTest {
    @Test
    void parsesCommaSeparatedNamespaceSlashClusterEqualsUrl() {
        EndpointOverrides overrides = EndpointOverrides.parse(" default/demo=https://127.0.0.1:16443 , team-a/x=https://127.0.0.1:16444,");

        assertThat(overrides.endpoint("default", "demo")).contains(URI.create("https://127.0.0.1:16443"));
        assertThat(overrides.endpoint("team-a", "x")).contains(URI.create("https://127.0.0.1:16444"));
        assertThat(overrides.endpoint("default", "x")).isEmpty();
        assertThat(EndpointOverrides.parse("").endpoint("default", "demo")).isEmpty();
        assertThat(EndpointOverrides.parse(null).endpoint("default", "demo")).isEmpty();
    }

    @Test
    void refusesWhatItCannotUseWithTheEntryInTheMessage() {
        assertThatThrownBy(() -> EndpointOverrides.parse("demo=https://127.0.0.1:1"))
                .hasMessage("slipway.workload.endpoint-override: \"demo\" is not <namespace>/<cluster>");
        assertThatThrownBy(() -> EndpointOverrides.parse("default/demo"))
                .hasMessage("slipway.workload.endpoint-override: \"default/demo\" is not <namespace>/<cluster>=https://host:port");
        assertThatThrownBy(() -> EndpointOverrides.parse("default/demo=http://127.0.0.1:1"))
                .hasMessage("slipway.workload.endpoint-override: default/demo: \"http://127.0.0.1:1\" must be https://host:port (TLS stays on)");
    }
}
