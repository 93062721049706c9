package io.slipway.aws.iam;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyJsonTest {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":[\"arn:aws:s3:::b/x/*\"]},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeInstances\"],\"Resource\":[\"*\"],"
            + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/k\":[\"owned\",\"shared\"]}}}]}";

    @Test
    void aUrlEncodedDocumentAsIamReturnsItMeansTheSame() {
        String encoded = URLEncoder.encode(POLICY, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(PolicyJson.decode(encoded)).isEqualTo(POLICY);
        assertThat(PolicyJson.sameMeaning(POLICY, encoded)).isTrue();
    }

    @Test
    void orderWhitespaceAndOneElementListsDoNotCount() {
        String reordered = "{ \"Statement\": [ {\"Resource\": \"*\", \"Action\": \"ec2:DescribeInstances\", \"Effect\": \"Allow\","
                + " \"Condition\": {\"StringEquals\": {\"aws:RequestTag/k\": [\"shared\", \"owned\"]}}},"
                + " {\"Effect\": \"Allow\", \"Resource\": \"arn:aws:s3:::b/x/*\", \"Action\": [\"s3:GetObjectVersion\", \"s3:GetObject\"]} ],"
                + " \"Version\": \"2012-10-17\" }";
        assertThat(PolicyJson.sameMeaning(POLICY, reordered)).isTrue();
        assertThat(PolicyJson.summary(POLICY)).isEqualTo(PolicyJson.summary(reordered)).startsWith("2 statements (sha256:");
    }

    @Test
    void anAddedActionStatementOrConditionValueCounts() {
        assertThat(PolicyJson.sameMeaning(POLICY, POLICY.replace("\"s3:GetObjectVersion\"", "\"s3:GetObjectVersion\",\"s3:PutObject\""))).isFalse();
        assertThat(PolicyJson.sameMeaning(POLICY, POLICY.replace("[\"owned\",\"shared\"]", "[\"owned\"]"))).isFalse();
        assertThat(PolicyJson.sameMeaning(POLICY, POLICY.substring(0, POLICY.length() - 2)
                + ",{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")).isFalse();
        assertThat(PolicyJson.sameMeaning(POLICY, null)).isFalse();
        assertThat(PolicyJson.sameMeaning(null, null)).isTrue();
    }
}
