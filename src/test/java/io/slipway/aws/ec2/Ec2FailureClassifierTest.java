package io.slipway.aws.ec2;

import io.slipway.cloud.FailureClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2FailureClassifierTest {
    private final Ec2FailureClassifier classifier = new Ec2FailureClassifier();

    private static Ec2Exception ec2(String code, int status) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
                .build();
    }

    @ParameterizedTest
    @CsvSource({
            "DependencyViolation, 400, RETRYABLE",
            "InvalidIPAddress.InUse, 400, RETRYABLE",
            "InvalidVpcID.NotFound, 400, RETRYABLE",
            "NatGatewayNotFound, 400, RETRYABLE",
            "RequestLimitExceeded, 503, RETRYABLE",
            "InternalError, 500, RETRYABLE",
            "UnauthorizedOperation, 403, FATAL",
            "AuthFailure, 401, FATAL",
            "VpcLimitExceeded, 400, FATAL",
            "InvalidParameterValue, 400, FATAL",
            "InvalidSubnet.Conflict, 400, FATAL"})
    void classifiesEc2ErrorCodes(String code, int status, FailureClass expected) {
        assertThat(classifier.classify(ec2(code, status))).isEqualTo(expected);
    }

    @Test
    void lostConnectionsAreRetryableAndMessagesNameTheCode() {
        assertThat(classifier.classify(SdkClientException.create("Connection reset"))).isEqualTo(FailureClass.RETRYABLE);
        assertThat(classifier.describe(ec2("DependencyViolation", 400)))
                .isEqualTo("DependencyViolation: message of DependencyViolation");
    }
}
