package io.slipway.aws;

import io.slipway.aws.errors.AwsFailureReason;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What moto answers for inputs that name something missing, read by the classifier as the SDK hands it over. */
@ExtendWith(MotoExtension.class)
class AwsFailuresAgainstMotoTest {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final AwsFailureClassifier classifier = new AwsFailureClassifier();

    // moto's RunInstances accepts any AMI and key pair unless its server is started with validation on; the
    // describe of the named image or key pair, which is how an input is checked, answers as AWS does
    @Test
    void aMissingAmiStalls(AwsClientFactory factory) {
        Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
        SdkException failure = catchThrowableOfType(SdkException.class,
                () -> ec2.describeImages(r -> r.imageIds("ami-0123456789abcdef0")));
        assertThat(AwsCalls.code(failure)).isEqualTo("InvalidAMIID.NotFound");
        assertThat(classifier.reason(failure)).isEqualTo(AwsFailureReason.MISSING_INPUT);
        assertThat(classifier.describe(failure)).contains("name something that does not exist");
    }

    @Test
    void aMissingKeyPairStalls(AwsClientFactory factory) {
        Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
        SdkException failure = catchThrowableOfType(SdkException.class,
                () -> ec2.describeKeyPairs(r -> r.keyNames("nobodys-key")));
        assertThat(AwsCalls.code(failure)).isEqualTo("InvalidKeyPair.NotFound");
        assertThat(classifier.reason(failure)).isEqualTo(AwsFailureReason.MISSING_INPUT);
    }

    @Test
    void aMissingVpcIsNotFoundYet(AwsClientFactory factory) {
        Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
        SdkException failure = catchThrowableOfType(SdkException.class,
                () -> ec2.deleteVpc(r -> r.vpcId("vpc-0123456789abcdef0")));
        assertThat(AwsCalls.code(failure)).isEqualTo("InvalidVpcID.NotFound");
        assertThat(classifier.reason(failure)).isEqualTo(AwsFailureReason.NOT_FOUND_YET);
    }

    @Test
    void attachingAMissingManagedPolicyStallsWhileAMissingRoleIsNotFoundYet(AwsClientFactory factory) {
        IamClient iam = factory.session(AwsCredentialSource.operatorDefault()).iam();
        iam.createRole(r -> r.roleName("cp").assumeRolePolicyDocument(TRUST));
        SdkException missingPolicy = catchThrowableOfType(SdkException.class, () -> iam.attachRolePolicy(r -> r
                .roleName("cp").policyArn("arn:aws:iam::123456789012:policy/missing-boundary")));
        assertThat(AwsCalls.code(missingPolicy)).isEqualTo("NoSuchEntity");
        assertThat(classifier.reason(missingPolicy)).isEqualTo(AwsFailureReason.MISSING_INPUT);

        SdkException missingRole = catchThrowableOfType(SdkException.class,
                () -> iam.addRoleToInstanceProfile(r -> r.roleName("cp").instanceProfileName("not-made-yet")));
        assertThat(AwsCalls.code(missingRole)).isEqualTo("NoSuchEntity");
        assertThat(classifier.reason(missingRole)).isEqualTo(AwsFailureReason.NOT_FOUND_YET);

        SdkException taken = catchThrowableOfType(SdkException.class,
                () -> iam.createRole(r -> r.roleName("cp").assumeRolePolicyDocument(TRUST)));
        assertThat(classifier.reason(taken)).isEqualTo(AwsFailureReason.TAKEN);
    }

    @Test
    void aBucketThatIsNotThereIsNotFoundYetAndANonEmptyOneIsInUse(AwsClientFactory factory) {
        S3Client s3 = factory.session(AwsCredentialSource.operatorDefault()).s3();
        SdkException missing = catchThrowableOfType(SdkException.class, () -> s3.headBucket(r -> r.bucket("not-there-1")));
        assertThat(classifier.reason(missing)).isEqualTo(AwsFailureReason.NOT_FOUND_YET);
        s3.createBucket(r -> r.bucket("full-bucket-1"));
        s3.putObject(r -> r.bucket("full-bucket-1").key("k"), software.amazon.awssdk.core.sync.RequestBody.fromString("v"));
        SdkException full = catchThrowableOfType(SdkException.class, () -> s3.deleteBucket(r -> r.bucket("full-bucket-1")));
        assertThat(AwsCalls.code(full)).isEqualTo("BucketNotEmpty");
        assertThat(classifier.reason(full)).isEqualTo(AwsFailureReason.IN_USE);
    }

    @Test
    void aMissingHostedZoneStalls(AwsClientFactory factory) {
        var route53 = factory.session(AwsCredentialSource.operatorDefault()).route53();
        SdkException failure = catchThrowableOfType(SdkException.class,
                () -> route53.listResourceRecordSets(r -> r.hostedZoneId("Z0000000000000000000")));
        assertThat(AwsCalls.code(failure)).isEqualTo("NoSuchHostedZone");
        assertThat(classifier.reason(failure)).isEqualTo(AwsFailureReason.MISSING_INPUT);
    }
}
