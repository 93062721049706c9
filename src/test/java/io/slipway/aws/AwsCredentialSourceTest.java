package io.slipway.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AwsCredentialSourceTest {

    @Test
    void toStringNeverShowsSecrets() {
        AwsCredentialSource keys = AwsCredentialSource.staticKeys("AKIAABCDEFGHWXYZ", "wJalrXUtnFEMI/K7MDENG", "FwoGZXIvYXdzEJr");
        AwsCredentialSource role = AwsCredentialSource.assumeRole("arn:aws:iam::111111111111:role/r", "very-secret-external", "s");

        assertThat(keys.toString()).doesNotContain("AKIAABCDEFGHWXYZ", "wJalrXUtnFEMI", "FwoGZXIvYXdzEJr").contains("WXYZ");
        assertThat(role.toString()).doesNotContain("very-secret-external").contains("arn:aws:iam::111111111111:role/r");
    }

    @Test
    void equalSourcesAreEqual() {
        assertThat(AwsCredentialSource.staticKeys("a", "b", null)).isEqualTo(AwsCredentialSource.staticKeys("a", "b", ""))
                .hasSameHashCodeAs(AwsCredentialSource.staticKeys("a", "b", null))
                .isNotEqualTo(AwsCredentialSource.staticKeys("a", "c", null));
        assertThat(AwsCredentialSource.assumeRole("arn:r", null, "s")).isNotEqualTo(AwsCredentialSource.assumeRole("arn:r", "x", "s"));
        assertThat(AwsCredentialSource.operatorDefault()).isEqualTo(AwsCredentialSource.operatorDefault());
    }

    @Test
    void refusesMissingParts() {
        assertThatThrownBy(() -> AwsCredentialSource.staticKeys("a", " ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AwsCredentialSource.assumeRole(null, null, "s")).isInstanceOf(IllegalArgumentException.class);
    }
}
