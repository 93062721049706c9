package io.slipway.aws;

import io.slipway.aws.errors.AwsFailureReason;
import io.slipway.cloud.FailureClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.StsException;

import static io.slipway.aws.errors.AwsFailureReason.IN_USE;
import static io.slipway.aws.errors.AwsFailureReason.MISSING_INPUT;
import static io.slipway.aws.errors.AwsFailureReason.NOT_FOUND_YET;
import static io.slipway.aws.errors.AwsFailureReason.REFUSED;
import static io.slipway.aws.errors.AwsFailureReason.TAKEN;
import static io.slipway.aws.errors.AwsFailureReason.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Each service's error codes, as the SDK builds its exceptions. */
class AwsFailureClassifierTest {
    private final AwsFailureClassifier classifier = new AwsFailureClassifier();

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    private static AwsServiceException exception(String service, String code, int status, String message) {
        AwsErrorDetails details = details(code, message == null || message.isEmpty() ? "message of " + code : message);
        return switch (service) {
            case "ec2" -> Ec2Exception.builder().statusCode(status).awsErrorDetails(details).build();
            case "iam" -> IamException.builder().statusCode(status).awsErrorDetails(details).build();
            case "elb" -> ElasticLoadBalancingV2Exception.builder().statusCode(status).awsErrorDetails(details).build();
            case "route53" -> Route53Exception.builder().statusCode(status).awsErrorDetails(details).build();
            case "s3" -> S3Exception.builder().statusCode(status).awsErrorDetails(details).build();
            case "sts" -> StsException.builder().statusCode(status).awsErrorDetails(details).build();
            case "autoscaling" -> AutoScalingException.builder().statusCode(status).awsErrorDetails(details).build();
            default -> throw new IllegalArgumentException(service);
        };
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @CsvSource(delimiter = '|', value = {
            // EC2 as before: in use, not visible yet, throttled, refused
            "ec2|DependencyViolation|400||IN_USE",
            "ec2|InvalidIPAddress.InUse|400||IN_USE",
            "ec2|InvalidVpcID.NotFound|400||NOT_FOUND_YET",
            "ec2|NatGatewayNotFound|400||NOT_FOUND_YET",
            "ec2|InvalidLaunchTemplateId.NotFound|400||NOT_FOUND_YET",
            "ec2|RequestLimitExceeded|503||TRANSIENT",
            "ec2|InternalError|500||TRANSIENT",
            "ec2|UnauthorizedOperation|403||REFUSED",
            "ec2|AuthFailure|401||REFUSED",
            "ec2|VpcLimitExceeded|400||REFUSED",
            "ec2|InvalidParameterValue|400||REFUSED",
            "ec2|InvalidSubnet.Conflict|400||REFUSED",
            // EC2: what only a user names never appears by waiting
            "ec2|InvalidAMIID.NotFound|400||MISSING_INPUT",
            "ec2|InvalidAMIID.Malformed|400||MISSING_INPUT",
            "ec2|InvalidKeyPair.NotFound|400||MISSING_INPUT",
            "ec2|InvalidParameterValue|400|Value (x) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name|NOT_FOUND_YET",
            // IAM
            "iam|NoSuchEntity|404|The role with name cp cannot be found.|NOT_FOUND_YET",
            "iam|NoSuchEntity|404|Scope ARN: arn:aws:iam::1:policy/boundary does not exist or is not attachable.|MISSING_INPUT",
            "iam|NoSuchEntity|404|Policy arn:aws:iam::1:policy/extra does not exist or is not attachable.|MISSING_INPUT",
            "iam|DeleteConflict|409||IN_USE",
            "iam|EntityAlreadyExists|409||TAKEN",
            "iam|LimitExceeded|409||REFUSED",
            "iam|MalformedPolicyDocument|400||REFUSED",
            "iam|ServiceFailure|500||TRANSIENT",
            "iam|Throttling|400||TRANSIENT",
            "iam|AccessDenied|403||REFUSED",
            // ELBv2
            "elb|LoadBalancerNotFound|400||NOT_FOUND_YET",
            "elb|TargetGroupNotFound|400||NOT_FOUND_YET",
            "elb|ResourceInUse|400||IN_USE",
            "elb|InvalidSecurityGroup|400||MISSING_INPUT",
            "elb|SecurityGroupNotFound|400||MISSING_INPUT",
            "elb|SubnetNotFound|400||NOT_FOUND_YET",
            "elb|DuplicateLoadBalancerName|400||TAKEN",
            "elb|TooManyLoadBalancers|400||REFUSED",
            // Route 53
            "route53|NoSuchHostedZone|404||MISSING_INPUT",
            "route53|PriorRequestNotComplete|400||IN_USE",
            "route53|InvalidChangeBatch|400||REFUSED",
            "route53|Throttling|400||TRANSIENT",
            // S3
            "s3|BucketAlreadyExists|409||TAKEN",
            "s3|BucketAlreadyOwnedByYou|409||TRANSIENT",
            "s3|NoSuchBucket|404||NOT_FOUND_YET",
            "s3|BucketNotEmpty|409||IN_USE",
            "s3|SlowDown|503||TRANSIENT",
            "s3|AccessDenied|403||REFUSED",
            // STS
            "sts|AccessDenied|403||REFUSED",
            "sts|RegionDisabledException|403||REFUSED",
            "sts|IDPCommunicationError|400||TRANSIENT",
            "sts|ExpiredTokenException|400||TRANSIENT",
            // Auto Scaling
            "autoscaling|ScalingActivityInProgress|400||IN_USE",
            "autoscaling|ResourceContention|500||TRANSIENT",
            "autoscaling|AlreadyExists|400||TAKEN",
            "autoscaling|ValidationError|400|AutoScalingGroup name not found - no such group: g|NOT_FOUND_YET",
            "autoscaling|ValidationError|400|Max bound, 1, must be greater than or equal to min bound, 2|REFUSED",
            "autoscaling|LimitExceeded|400||REFUSED"})
    void classifiesEachServicesErrorCodes(String service, String code, int status, String message,
                                          AwsFailureReason expected) {
        AwsServiceException failure = exception(service, code, status, message);
        assertThat(classifier.reason(failure)).isEqualTo(expected);
        assertThat(classifier.classify(failure)).isEqualTo(expected.failureClass());
    }

    @Test
    void theSameCodeMeansWhatItsServiceSays() {
        // ResourceInUse is "in use" for ELB; AlreadyExists means nothing special to EC2
        assertThat(classifier.reason(exception("ec2", "AlreadyExists", 400, null))).isEqualTo(REFUSED);
        assertThat(classifier.reason(exception("autoscaling", "AlreadyExists", 400, null))).isEqualTo(TAKEN);
        // NoSuchEntity is IAM's; in another service it is an unknown code, refused
        assertThat(classifier.reason(exception("s3", "NoSuchEntity", 400, null))).isEqualTo(REFUSED);
    }

    @Test
    void modelledSubclassesAreReadByTheirServiceTable() {
        NoSuchEntityException missingBoundary = NoSuchEntityException.builder().statusCode(404)
                .awsErrorDetails(details("NoSuchEntity", "Scope ARN: arn:aws:iam::1:policy/b does not exist or is not attachable."))
                .build();
        assertThat(classifier.reason(missingBoundary)).isEqualTo(MISSING_INPUT);
    }

    @Test
    void unknownCodesGoByTheStatusAndThrottlingFlag() {
        assertThat(classifier.reason(exception("ec2", "SomethingNew", 503, null))).isEqualTo(TRANSIENT);
        assertThat(classifier.reason(exception("ec2", "SomethingNew", 400, null))).isEqualTo(REFUSED);
        AwsServiceException headNotFound = S3Exception.builder().statusCode(404).build();
        assertThat(classifier.reason(headNotFound)).isEqualTo(NOT_FOUND_YET);
    }

    @Test
    void lostConnectionsAreRetryable() {
        assertThat(classifier.classify(SdkClientException.create("Connection reset"))).isEqualTo(FailureClass.RETRYABLE);
        assertThat(classifier.classify(new IllegalArgumentException("bug"))).isEqualTo(FailureClass.FATAL);
    }

    @Test
    void messagesNameTheCodeAndSayWhenTheInputNamesSomethingMissingOrTaken() {
        assertThat(classifier.describe(exception("ec2", "DependencyViolation", 400, null)))
                .isEqualTo("DependencyViolation: message of DependencyViolation");
        assertThat(classifier.describe(exception("ec2", "InvalidAMIID.NotFound", 400, "The image id '[ami-1]' does not exist")))
                .isEqualTo("InvalidAMIID.NotFound: The image id '[ami-1]' does not exist"
                        + " (the spec or its inputs name something that does not exist)");
        assertThat(classifier.describe(exception("s3", "BucketAlreadyExists", 409, null)))
                .contains("already taken");
    }

    @Test
    void ignoringCatchesAnyServicesErrors() {
        AwsCalls.ignoring(() -> {
            throw exception("iam", "NoSuchEntity", 404, null);
        }, "NoSuchEntity");
        AwsCalls.ignoring(() -> {
            throw exception("s3", "NoSuchBucket", 404, null);
        }, "NoSuchBucket");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsCalls.ignoring(() -> {
            throw exception("route53", "InvalidChangeBatch", 400, null);
        }, "NoSuchHostedZone")).isInstanceOf(Route53Exception.class);
        assertThat(IN_USE.failureClass()).isEqualTo(FailureClass.RETRYABLE);
    }
}
