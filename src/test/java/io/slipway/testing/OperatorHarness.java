package io.slipway.testing;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallCounter;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.aws.RateLimits;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.controller.TolerantDeserialization;
import io.slipway.testing.kube.GeneratedCrds;
import io.slipway.testing.kube.KubeApiServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The operator as production runs it, minus Quarkus: JOSDK with the real reconcilers, status by SSA, the tolerant client
 * deserialisation, against the test Kubernetes API (CRDs installed)
 * and the JVM's moto server, without the client-side AWS rate limits (RateLimitingTest covers them). Tests replace endpoints, not logic.
 * As a non-static {@code @RegisterExtension} field it is closed after each test (a static one is closed by hand).
 */
public final class OperatorHarness implements AutoCloseable, AfterEachCallback {
    public final KubeApiServer api;
    public final KubernetesClient client;
    public final MeterRegistry registry = new SimpleMeterRegistry();
    /** The running operator's AWS clients (a crash and restart gives the new operator new ones). */
    public AwsClientFactory aws;
    private final Function<Wiring, List<Reconciler<?>>> reconcilers;
    /** Closed each time the operator stops. */
    private final List<AutoCloseable> operatorScoped = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.net.URI awsEndpoint;
    private final RateLimits rateLimits;
    private final UnaryOperator<AwsSessionConfig.Builder> awsSetup;
    private KubernetesClient operatorClient;
    private Operator operator;
    private AwsClientFactory console;

    /** {@code reconcilers} builds the reconcilers from the operator's client and AWS client factory. */
    public OperatorHarness(Function<Wiring, List<Reconciler<?>>> reconcilers) {
        this(reconcilers, api -> {
        });
    }

    /** As above; {@code beforeStart} runs against the API (CRDs installed) before the operator starts. */
    public OperatorHarness(Function<Wiring, List<Reconciler<?>>> reconcilers, Consumer<KubeApiServer> beforeStart) {
        this(reconcilers, beforeStart, MotoServer.get().endpoint(), MotoServer.UNTHROTTLED);
    }

    /**
     * As above, with the operator's AWS calls sent to {@code awsEndpoint} (a proxy in front of the JVM's moto, such as
     * {@link LatencyProxy}) under {@code rateLimits} (a benchmark keeps the production defaults); console calls and
     * moto resets still go to moto itself.
     */
    public OperatorHarness(Function<Wiring, List<Reconciler<?>>> reconcilers, Consumer<KubeApiServer> beforeStart,
                           java.net.URI awsEndpoint, RateLimits rateLimits) {
        this(reconcilers, beforeStart, awsEndpoint, rateLimits, UnaryOperator.identity());
    }

    /**
     * As above, with {@code awsSetup} adding to the AWS configuration of each operator started (interceptors that
     * record or crash): it runs again for the new operator after {@link #crashOperator()}.
     */
    public OperatorHarness(Function<Wiring, List<Reconciler<?>>> reconcilers, Consumer<KubeApiServer> beforeStart,
                           java.net.URI awsEndpoint, RateLimits rateLimits, UnaryOperator<AwsSessionConfig.Builder> awsSetup) {
        api = KubeApiServer.start();
        client = tolerantClient(api);
        GeneratedCrds.install(client);
        beforeStart.accept(api);
        MotoServer.get().reset();
        this.awsEndpoint = awsEndpoint;
        this.rateLimits = rateLimits;
        this.awsSetup = awsSetup;
        aws = newAws();
        this.reconcilers = reconcilers;
        startOperator();
    }

    private AwsClientFactory newAws() {
        return new AwsClientFactory(awsSetup.apply(MotoServer.get().awsConfig(registry).endpointOverride(awsEndpoint)
                .maxAttempts(2).rateLimits(rateLimits)).build());
    }

    private void startOperator() {
        operatorClient = tolerantClient(api);
        operator = new Operator(o -> {
            o.withKubernetesClient(operatorClient)
                    .withMetrics(MicrometerMetricsV2.newBuilder(registry).withNamespaceAsTag().build())
                    .withCloseClientOnStop(true);
        });
        for (Reconciler<?> r : reconcilers.apply(new Wiring(operatorClient, aws, registry, operatorScoped::add))) {
            register(r);
        }
        operator.start();
    }

    /** Stops the operator and starts a new one (new client, new reconcilers) on the same API and AWS: a restart. */
    public void restartOperator() {
        stopOperator();
        startOperator();
    }

    /**
     * Cuts the running operator off the Kubernetes API at once (its client closed: nothing it still does is written),
     * as a process that dies would be; safe to call from one of its own threads, e.g. an AWS interceptor.
     */
    public void cutOperatorOff() {
        operatorClient.close();
    }

    /**
     * After {@link #cutOperatorOff()}: stops what is left of the dead operator and starts a new one with new AWS clients
     * (and {@code awsSetup} run again) and a new client, on the same API and AWS: a crash and restart.
     */
    public void restartAfterCrash() {
        operatorClient.close();
        stopOperator();
        aws.close();
        aws = newAws();
        startOperator();
    }

    private static KubernetesClient tolerantClient(KubeApiServer api) {
        return new KubernetesClientBuilder().withConfig(api.clientConfig())
                .withKubernetesSerialization(TolerantDeserialization.serialization()).build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void register(Reconciler r) {
        operator.register(r);
    }

    /** What the operator's health checks read: started, and every informer running. */
    public RuntimeInfo runtimeInfo() {
        return operator.getRuntimeInfo();
    }

    public long awsCalls() {
        return AwsCallCounter.total(registry);
    }

    public long awsMutatingCalls() {
        return AwsCallCounter.mutating(registry);
    }

    /** Reconciles of one controller that have finished without error so far, as JOSDK's own metrics count them. */
    public double reconciles(String controller) {
        return registry.find("reconciliations.success.total").tag("controller.name", controller).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /**
     * An EC2 client on moto in us-east-1 for changes made by hand, as in the AWS console: its calls are not counted
     * with the operator's. Closed with the harness.
     */
    public Ec2Client consoleEc2() {
        if (console == null) {
            console = new AwsClientFactory(MotoServer.get().awsConfig(new SimpleMeterRegistry()).rateLimits(MotoServer.UNTHROTTLED).build());
        }
        return console.session(AwsCredentialSource.operatorDefault(), "us-east-1").ec2();
    }

    /** As {@link #consoleEc2()}, for auto scaling. */
    public software.amazon.awssdk.services.autoscaling.AutoScalingClient consoleAutoScaling() {
        consoleEc2();
        return console.session(AwsCredentialSource.operatorDefault(), "us-east-1").autoScaling();
    }

    /** The object of kind {@code type} named {@code name} in the multi-document YAML {@code file}. */
    public <T extends HasMetadata> T example(Class<T> type, String file, String name) {
        return Examples.read(type, file, name);
    }

    public List<Event> events(String namespace, String involvedName) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).toList();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            stopOperator();
        } finally {
            if (console != null) {
                console.close();
            }
            aws.close();
            client.close();
            api.close();
        }
    }

    /** Stops the operator, then closes what its reconcilers were built with (workload clients and their watches). */
    private void stopOperator() {
        try {
            operator.stop();
        } finally {
            for (AutoCloseable resource : operatorScoped) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + resource + " with the operator", e);
                }
            }
            operatorScoped.clear();
        }
    }

    /**
     * What the reconcilers are built from; what they are built with that must not outlive the operator (as the
     * production beans' disposers close it) is handed to {@link #closedWithOperator}.
     */
    public record Wiring(KubernetesClient client, AwsClientFactory aws, MeterRegistry registry,
                         Consumer<AutoCloseable> onStop) {
        public <T extends AutoCloseable> T closedWithOperator(T resource) {
            onStop.accept(resource);
            return resource;
        }
    }
}
