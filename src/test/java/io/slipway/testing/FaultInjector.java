package io.slipway.testing;

import io.slipway.aws.AwsOperations;
import io.slipway.aws.AwsSessionConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Client-side faults for tests against moto, which has none of its own. Install with {@link #install}; it then
 * sits in two places:
 * <ul>
 *   <li>around the shared HTTP client, per attempt: answers instead of moto with a throttling error
 *       (EC2: 503 RequestLimitExceeded; others: 400 Throttling) or a 5xx (InternalError/Unavailable), or lets
 *       the request reach moto and then loses the response (the call took effect, the client sees an
 *       IOException). The SDK parses these answers as it would AWS's, so callers see the real exception types;</li>
 *   <li>as an interceptor, per API call: counts mutating calls and, if asked, "crashes" the process before the
 *       (k+1)-th one: that call and every later one throw {@link SimulatedCrash}.</li>
 * </ul>
 * Faults come from a script ({@link #failNext}) first, then at random with {@link #rate} from a seeded Random.
 */
public final class FaultInjector implements ExecutionInterceptor {

    public enum Fault { THROTTLING, SERVER_ERROR, LOST_RESPONSE }

    /** Tells the HTTP layer which service/operation an attempt belongs to; moto ignores it. */
    static final String OPERATION_HEADER = "x-slipway-test-operation";

    private final Random random;
    private double rate;
    private List<Fault> kinds = List.of(Fault.values());
    private final Deque<Fault> script = new ArrayDeque<>();
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final Map<String, Integer> injectedByOperation = new HashMap<>();
    private int crashAfterMutatingCalls = -1;
    private int mutatingCalls;
    private boolean crashed;

    public FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    /** Probability that an attempt gets a random fault (0..1). */
    public synchronized FaultInjector rate(double rate) {
        this.rate = rate;
        return this;
    }

    /** Which faults the random ones are drawn from (default all). */
    public synchronized FaultInjector kinds(Fault... faults) {
        this.kinds = List.of(faults);
        return this;
    }

    /** The next attempts get these faults, in order, before any random one. */
    public synchronized FaultInjector failNext(Fault... faults) {
        script.addAll(Arrays.asList(faults));
        return this;
    }

    /** After {@code k} mutating API calls, the next call (and all later ones) throw {@link SimulatedCrash}. */
    public synchronized FaultInjector crashAfterMutatingCalls(int k) {
        this.crashAfterMutatingCalls = k;
        return this;
    }

    public AwsSessionConfig.Builder install(AwsSessionConfig.Builder config) {
        return config.addInterceptor(this).httpClientDecorator(this::wrap);
    }

    public synchronized int injected(Fault fault) {
        return injected.getOrDefault(fault, 0);
    }

    /** Faults of this kind injected into attempts of {@code operation} (e.g. "CreateVpc"). */
    public synchronized int injected(Fault fault, String operation) {
        return injectedByOperation.getOrDefault(fault + "/" + operation, 0);
    }

    public synchronized int injectedTotal() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Mutating API calls let through so far (not counting the one that crashed). */
    public synchronized int mutatingCalls() {
        return mutatingCalls;
    }

    public synchronized boolean crashed() {
        return crashed;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (this) {
            if (crashed) {
                throw new SimulatedCrash("simulated process is dead: " + operation + " not sent");
            }
            if (AwsOperations.isMutating(operation)) {
                if (crashAfterMutatingCalls >= 0 && mutatingCalls >= crashAfterMutatingCalls) {
                    crashed = true;
                    throw new SimulatedCrash("simulated crash after " + mutatingCalls + " mutating calls, before " + operation);
                }
                mutatingCalls++;
            }
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder()
                .putHeader(OPERATION_HEADER, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "/"
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                .build();
    }

    public SdkHttpClient wrap(SdkHttpClient delegate) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                return new FaultyRequest(delegate, request);
            }

            @Override
            public String clientName() {
                return delegate.clientName();
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    private synchronized Fault nextFault(String operation) {
        Fault fault = script.poll();
        if (fault == null && rate > 0 && random.nextDouble() < rate) {
            fault = kinds.get(random.nextInt(kinds.size()));
        }
        if (fault != null) {
            injected.merge(fault, 1, Integer::sum);
            injectedByOperation.merge(fault + "/" + operation, 1, Integer::sum);
        }
        return fault;
    }

    private synchronized boolean nextCoin() {
        return random.nextBoolean();
    }

    private final class FaultyRequest implements ExecutableHttpRequest {
        private final SdkHttpClient delegate;
        private final HttpExecuteRequest request;
        private volatile ExecutableHttpRequest sent;

        FaultyRequest(SdkHttpClient delegate, HttpExecuteRequest request) {
            this.delegate = delegate;
            this.request = request;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            String[] serviceAndOperation = request.httpRequest().firstMatchingHeader(OPERATION_HEADER).orElse("?/?").split("/", 2);
            String service = serviceAndOperation[0];
            Fault fault = nextFault(serviceAndOperation[1]);
            if (fault == Fault.THROTTLING) {
                return throttling(service);
            }
            if (fault == Fault.SERVER_ERROR) {
                return serverError(service, nextCoin());
            }
            sent = delegate.prepareRequest(request);
            HttpExecuteResponse response = sent.call();
            if (fault == Fault.LOST_RESPONSE) {
                if (response.responseBody().isPresent()) {
                    try (InputStream body = response.responseBody().get()) {
                        body.readAllBytes();
                    }
                }
                throw new IOException("Connection reset (injected: the call reached moto, its response was lost)");
            }
            return response;
        }

        @Override
        public void abort() {
            if (sent != null) {
                sent.abort();
            }
        }
    }

    private static HttpExecuteResponse throttling(String service) {
        return switch (service) {
            case "Ec2" -> ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");
            case "S3" -> s3Error(503, "SlowDown", "Please reduce your request rate.");
            default -> queryError(400, "Throttling", "Rate exceeded");
        };
    }

    private static HttpExecuteResponse serverError(String service, boolean unavailable) {
        int status = unavailable ? 503 : 500;
        return switch (service) {
            case "Ec2" -> ec2Error(status, unavailable ? "Unavailable" : "InternalError", "injected server error");
            case "S3" -> s3Error(status, unavailable ? "ServiceUnavailable" : "InternalError", "injected server error");
            default -> queryError(status, unavailable ? "ServiceUnavailable" : "InternalFailure", "injected server error");
        };
    }

    private static HttpExecuteResponse ec2Error(int status, String code, String message) {
        return xml(status, "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error></Errors><RequestID>injected-fault</RequestID></Response>");
    }

    private static HttpExecuteResponse queryError(int status, String code, String message) {
        return xml(status, "<ErrorResponse><Error><Type>" + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>injected-fault</RequestId></ErrorResponse>");
    }

    private static HttpExecuteResponse s3Error(int status, String code, String message) {
        return xml(status, "<Error><Code>" + code + "</Code><Message>" + message + "</Message><RequestId>injected-fault</RequestId></Error>");
    }

    private static HttpExecuteResponse xml(int status, String body) {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(status)
                        .putHeader("Content-Type", "text/xml")
                        .putHeader("Content-Length", String.valueOf(bytes.length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }
}
