package io.slipway.kops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The default Slipway name of a kops cluster: what is left of its FQDN in front of the zone, as a DNS label. */
class KopsClusterNamesTest {

    @ParameterizedTest(name = "{0} in zone {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "demo.example.com, example.com, demo",
            "a.b.example.com, example.com, a-b",
            "dev.k8s.local, -, dev",
            "Prod_East.example.com, example.com, prod-east",
            "elsewhere.example.net, example.com, elsewhere-example-net",
            "0123456789012345678901234567890123456789012345678901234567890-abc.example.com, example.com, 0123456789012345678901234567890123456789012345678901234567890-a",
            "x-------------------------------------------------------------y.example.com, example.com, x-y"})
    void defaultName(String fqdn, String zone, String name) {
        assertThat(KopsClusterNames.defaultName(fqdn, zone)).isEqualTo(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Z0123456789ABCDEFGHIJ, true", "/hostedzone/Z0123456789ABCDEFGHIJ, true", "example.com, false", "Zeta.example.com, false"})
    void zoneIds(String dnsZone, boolean isId) {
        assertThat(KopsClusterNames.isZoneId(dnsZone)).isEqualTo(isId);
    }
}
