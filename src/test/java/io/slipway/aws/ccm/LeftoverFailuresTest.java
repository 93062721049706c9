package io.slipway.aws.ccm;

import io.slipway.aws.AwsFailureClassifier;
import io.slipway.aws.errors.AwsFailureReason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.elasticloadbalancing.model.ElasticLoadBalancingException;

import static org.assertj.core.api.Assertions.assertThat;

/** How the failures the leftovers' deletes meet are read: what waits is retried, a classic ELB's answers have a table. */
class LeftoverFailuresTest {
    private final AwsFailureClassifier classifier = new AwsFailureClassifier();

    @Test
    void anAttachedVolumeIsInUse() {
        assertThat(classifier.reason(ec2("VolumeInUse"))).isEqualTo(AwsFailureReason.IN_USE);
    }

    @Test
    void classicElbCodesHaveATableOfTheirOwn() {
        assertThat(classifier.reason(classic("LoadBalancerNotFound", 400))).isEqualTo(AwsFailureReason.NOT_FOUND_YET);
        assertThat(classifier.reason(classic("DependencyThrottle", 400))).isEqualTo(AwsFailureReason.TRANSIENT);
        assertThat(classifier.reason(classic("Throttling", 400))).as("the common codes still apply").isEqualTo(AwsFailureReason.TRANSIENT);
        assertThat(classifier.reason(classic("AccessDenied", 403))).isEqualTo(AwsFailureReason.REFUSED);
    }

    private static AwsServiceException ec2(String code) {
        return Ec2Exception.builder().statusCode(400).awsErrorDetails(details(code)).build();
    }

    private static AwsServiceException classic(String code, int status) {
        return ElasticLoadBalancingException.builder().statusCode(status).awsErrorDetails(details(code)).build();
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code).build();
    }
}
