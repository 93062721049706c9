package io.slipway.aws;

import io.slipway.aws.errors.AutoScalingErrors;
import io.slipway.aws.errors.AwsFailureReason;
import io.slipway.aws.errors.ClassicElbErrors;
import io.slipway.aws.errors.CommonErrors;
import io.slipway.aws.errors.Ec2Errors;
import io.slipway.aws.errors.ElbErrors;
import io.slipway.aws.errors.IamErrors;
import io.slipway.aws.errors.Route53Errors;
import io.slipway.aws.errors.S3Errors;
import io.slipway.aws.errors.ServiceErrors;
import io.slipway.aws.errors.StsErrors;
import io.slipway.cloud.FailureClass;
import io.slipway.cloud.FailureClassifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.elasticloadbalancing.model.ElasticLoadBalancingException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.StsException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classifies failures of calls to any AWS service Slipway uses. The SDK exception's type says which service
 * answered, and that service's table reads its error code; the codes every service shares, the throttling flag and
 * the HTTP status decide the rest. Retryable: throttling, 5xx, lost connections, what is not visible yet and what
 * is still in use. Fatal: what needs a human, among it an input that names something missing or a name taken.
 */
public final class AwsFailureClassifier implements FailureClassifier {
    private static final Map<Class<? extends AwsServiceException>, ServiceErrors> SERVICES = services();
    private static final ServiceErrors COMMON = new CommonErrors();

    private static Map<Class<? extends AwsServiceException>, ServiceErrors> services() {
        Map<Class<? extends AwsServiceException>, ServiceErrors> services = new LinkedHashMap<>();
        services.put(Ec2Exception.class, new Ec2Errors());
        services.put(IamException.class, new IamErrors());
        services.put(ElasticLoadBalancingV2Exception.class, new ElbErrors());
        services.put(ElasticLoadBalancingException.class, new ClassicElbErrors());
        services.put(Route53Exception.class, new Route53Errors());
        services.put(S3Exception.class, new S3Errors());
        services.put(StsException.class, new StsErrors());
        services.put(AutoScalingException.class, new AutoScalingErrors());
        return services;
    }

    @Override
    public FailureClass classify(Throwable failure) {
        return reason(failure).failureClass();
    }

    /** Why the call failed: what the controller tells the user and whether it retries. */
    public AwsFailureReason reason(Throwable failure) {
        if (failure instanceof AwsServiceException aws) {
            String code = AwsCalls.code(aws);
            String message = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
            AwsFailureReason reason = serviceTable(aws).reason(code, message, aws.statusCode());
            if (reason == null) {
                reason = COMMON.reason(code, message, aws.statusCode());
            }
            if (reason != null) {
                return reason;
            }
            if (aws.isThrottlingException() || aws.statusCode() >= 500) {
                return AwsFailureReason.TRANSIENT;
            }
            return AwsFailureReason.REFUSED;
        }
        // a lost connection, a timeout; IllegalStateException: a client closed under a reconcile that was cut short
        if (failure instanceof SdkClientException || failure instanceof IllegalStateException) {
            return AwsFailureReason.TRANSIENT;
        }
        return AwsFailureReason.REFUSED;
    }

    @Override
    public String describe(Throwable failure) {
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String text = aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
            String explanation = reason(failure).explanation();
            return explanation == null ? text : text + " (" + explanation + ")";
        }
        return FailureClassifier.super.describe(failure);
    }

    private static ServiceErrors serviceTable(AwsServiceException failure) {
        for (Map.Entry<Class<? extends AwsServiceException>, ServiceErrors> service : SERVICES.entrySet()) {
            if (service.getKey().isInstance(failure)) {
                return service.getValue();
            }
        }
        return COMMON;
    }
}
