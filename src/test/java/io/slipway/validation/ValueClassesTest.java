package io.slipway.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueClassesTest {

    @Test
    void cidrArithmetic() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertThat(vpc.contains(Cidr.parse("10.0.255.0/24"))).isTrue();
        assertThat(vpc.contains(Cidr.parse("10.1.0.0/24"))).isFalse();
        assertThat(vpc.contains(Cidr.parse("10.0.0.0/8"))).isFalse();
        assertThat(vpc.overlaps(Cidr.parse("10.0.0.0/8"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/25").overlaps(Cidr.parse("10.0.0.128/25"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
        assertThat(Cidr.parse("255.255.255.255/32").networkAddress()).isEqualTo("255.255.255.255");
        assertThat(Cidr.parse("192.168.0.0/16")).isEqualTo(Cidr.parse("192.168.0.0/16")).hasToString("192.168.0.0/16");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1/16|host bits set; the network address is 10.0.0.0/16",
            "10.0.0.0/33|out of range 0-32",
            "10.0.0.256/32|octet 256 is out of range 0-255",
            "010.0.0.0/8|leading zero",
            "10.0.0/16|expected a.b.c.d/n",
            "10.0.0.0|has no prefix length",
            "10.0.0.0/016|prefix length must be a number 0-32",
            "fd00::/8|not an IPv4 CIDR",
            "10.0.0.0/ 16|prefix length must be a number 0-32"})
    void cidrRejections(String text, String fragment) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(fragment);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "15m,900", "1h30m,5400", "1.5h,5400", "300ms,0.3", ".5s,0.5", "1h0m0s,3600", "2h45m30.5s,9930.5", "-1m,-60"})
    void goDurations(String text, double seconds) {
        Duration d = GoDuration.parse(text);
        assertThat(d.toNanos()).isEqualTo(Math.round(seconds * 1e9));
    }

    @Test
    void goDurationUnitsBelowASecond() {
        assertThat(GoDuration.parse("1us").toNanos()).isEqualTo(1000);
        assertThat(GoDuration.parse("1µs").toNanos()).isEqualTo(1000);
        assertThat(GoDuration.parse("7ns").toNanos()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "15|missing unit",
            "15 m|unknown unit",
            "15d|unknown unit \"d\"",
            "m|not a duration",
            "1..5s|not a duration",
            "9999999h|too long"})
    void goDurationRejections(String text, String fragment) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(fragment);
    }

    @Test
    void kubernetesVersionRange() {
        assertThat(KubernetesVersionRange.isSupported(KubernetesVersionRange.MINIMUM)).isTrue();
        assertThat(KubernetesVersionRange.isSupported("v1.33.99")).isTrue();
        assertThat(KubernetesVersionRange.isSupported(KubernetesVersionRange.MAXIMUM_EXCLUSIVE)).isFalse();
        assertThat(KubernetesVersionRange.isSupported("1.28.15")).isFalse();
        assertThat(KubernetesVersionRange.isSupported("1.30")).isFalse();
        assertThat(KubernetesVersionRange.isSupported("1.30.01")).isFalse();
        assertThat(KubernetesVersionRange.Version.parse("1.31.4")).isGreaterThan(KubernetesVersionRange.Version.parse("1.31.3"))
                .isLessThan(KubernetesVersionRange.Version.parse("1.32.0"));
        assertThat(KubernetesVersionRange.describe()).isEqualTo(">= 1.29.0 and < 1.34.0");
    }

    @Test
    void regionsAndZones() {
        assertThat(AwsRegions.isKnown("eu-west-1")).isTrue();
        assertThat(AwsRegions.isKnown("eu-west-9")).isFalse();
        assertThat(AwsRegions.partition("cn-north-1")).isEqualTo("aws-cn");
        assertThat(AwsRegions.partition("us-gov-west-1")).isEqualTo("aws-us-gov");
        assertThat(AwsRegions.zoneInRegion("eu-west-1a", "eu-west-1")).isTrue();
        assertThat(AwsRegions.zoneInRegion("eu-west-10a", "eu-west-1")).isFalse();
        assertThat(AwsRegions.zoneInRegion("eu-west-1", "eu-west-1")).isFalse();
        assertThat(AwsRegions.unknownRegionMessage("eu-west-1b")).contains("looks like an availability zone, the region is \"eu-west-1\"");
        assertThat(AwsRegions.unknownRegionMessage("us-est-1")).contains("did you mean \"us-east-1\"?");
    }

    @Test
    void intOrPercent() {
        assertThat(IntOrPercent.parse(new IntOrString(3))).isEqualTo(new IntOrPercent(3, false));
        assertThat(IntOrPercent.parse(new IntOrString("25%")).resolve(10, true)).isEqualTo(3);
        assertThat(IntOrPercent.parse(new IntOrString("25%")).resolve(10, false)).isEqualTo(2);
        assertThat(IntOrPercent.parse(new IntOrString("100%")).resolve(7, false)).isEqualTo(7);
        assertThatThrownBy(() -> IntOrPercent.parse(new IntOrString("101%"))).hasMessageContaining("between 0% and 100%");
        assertThatThrownBy(() -> IntOrPercent.parse(new IntOrString("1.5%"))).hasMessageContaining("percentage like 25%");
        assertThatThrownBy(() -> IntOrPercent.parse(new IntOrString(-2))).hasMessageContaining("must not be negative");
    }

    @Test
    void summaryListsEveryError() {
        assertThat(FieldError.summarize(java.util.List.of(new FieldError("spec.a", "x"), new FieldError("spec.b", "y"))))
                .isEqualTo("2 errors: spec.a: x; spec.b: y");
        assertThat(FieldError.summarize(java.util.List.of(new FieldError("spec.a", "x")))).isEqualTo("1 error: spec.a: x");
    }
}
