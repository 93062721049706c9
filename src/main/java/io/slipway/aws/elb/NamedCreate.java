package io.slipway.aws.elb;

import io.slipway.aws.AwsCalls;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates an ELBv2 object whose name is unique in the account and region without leaving a duplicate after a lost
 * response. AWS answers a repeated create of the same name and settings with the existing object, but moto (and
 * AWS, for differing settings) does not, so the call goes out once, with the SDK's retries off. When its outcome
 * is unknown (no answer, a 5xx) or the name is taken, the object is looked up by name: one that carries our
 * ownership tags (they were in the create call) is ours and is adopted; otherwise the failure stands, for the
 * engine to retry (unknown outcome) or to report (a name someone else holds).
 */
public final class NamedCreate {
    public static final AwsRequestOverrideConfiguration NO_SDK_RETRY = AwsRequestOverrideConfiguration.builder()
            .addPlugin(config -> config.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())))
            .build();

    private NamedCreate() {
    }

    public static <T> T run(Supplier<T> create, Supplier<Optional<T>> findOurs, String... nameTakenCodes) {
        try {
            return create.get();
        } catch (SdkException e) {
            if (!mayExist(e, nameTakenCodes)) {
                throw e;
            }
            Optional<T> ours = findOurs.get();
            if (ours.isPresent()) {
                return ours.get();
            }
            throw e;
        }
    }

    /** Refused requests (4xx, throttling) created nothing, unless the refusal says the name exists. */
    private static boolean mayExist(SdkException failure, String... nameTakenCodes) {
        if (failure instanceof AwsServiceException aws) {
            return AwsCalls.hasCode(aws, nameTakenCodes) || (!aws.isThrottlingException() && aws.statusCode() >= 500);
        }
        return true;
    }
}
