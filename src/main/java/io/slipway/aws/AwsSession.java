package io.slipway.aws;

import io.slipway.cloud.ReadShare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients of one (credential source, region), created on first use and cached. Get it from
 * {@link AwsClientFactory#session}; the factory closes it. Clients are thread-safe and must not be closed
 * by callers.
 */
public final class AwsSession implements AutoCloseable {

    private static final Executor ACCOUNT_LOOKUPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slipway-account-lookup");
        t.setDaemon(true);
        return t;
    });

    /** How a client picks its region: the session's, or the global one (IAM, Route 53). */
    enum Scope { REGIONAL, GLOBAL }

    private final AwsClientFactory factory;
    private final AwsCredentialSource source;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final boolean ownsCredentials;
    private final Map<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile String accountId;
    private final Object accountLookup = new Object();
    private final Map<String, ReadShare> reads = new ConcurrentHashMap<>();

    AwsSession(AwsClientFactory factory, AwsCredentialSource source, Region region,
               AwsCredentialsProvider credentials, boolean ownsCredentials) {
        this.factory = factory;
        this.source = source;
        this.region = region;
        this.credentials = credentials;
        this.ownsCredentials = ownsCredentials;
    }

    public AwsCredentialSource source() {
        return source;
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /**
     * The account these credentials act in (one STS call, then remembered for the session's life). A caller that comes
     * while the call is under way (see {@link #lookUpAccountAhead}) waits for it instead of calling again; a failed
     * call is not remembered.
     */
    public String accountId() {
        String known = accountId;
        if (known != null) {
            return known;
        }
        synchronized (accountLookup) {
            if (accountId == null) {
                accountId = sts().getCallerIdentity().account();
            }
            return accountId;
        }
    }

    /**
     * Starts finding the account on another thread, unless it is known: the reconcile's first calls of other services
     * go on meanwhile instead of after it. Failures are left to {@link #accountId()} to report.
     */
    public void lookUpAccountAhead() {
        if (accountId == null) {
            CompletableFuture.runAsync(() -> {
                try {
                    accountId();
                } catch (RuntimeException e) {
                    // only a head start: the reconcile's own call tries again and reports it
                }
            }, ACCOUNT_LOOKUPS);
        }
    }

    /**
     * The reads that the reconciles of cluster {@code clusterId} (an owner id) share through these clients, kept for
     * {@code lifetime} (the first asker's: every reconciler of one operator passes the same). See {@link ReadShare}.
     */
    public ReadShare reads(String clusterId, Duration lifetime) {
        return reads.computeIfAbsent(clusterId, id -> new ReadShare(java.time.Clock.systemUTC(), lifetime));
    }

    /** Forgets the shared reads of a cluster that is gone. */
    public void forgetReads(String clusterId) {
        reads.remove(clusterId);
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, Ec2Client::builder, Scope.REGIONAL);
    }

    public StsClient sts() {
        return client(StsClient.class, StsClient::builder, Scope.REGIONAL);
    }

    public AutoScalingClient autoScaling() {
        return client(AutoScalingClient.class, AutoScalingClient::builder, Scope.REGIONAL);
    }

    public IamClient iam() {
        return client(IamClient.class, IamClient::builder, Scope.GLOBAL);
    }

    public Route53Client route53() {
        return client(Route53Client.class, Route53Client::builder, Scope.GLOBAL);
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return client(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder, Scope.REGIONAL);
    }

    /** Classic load balancers: Slipway makes none, but deletes those the cloud-controller-manager made. */
    public ElasticLoadBalancingClient elb() {
        return client(ElasticLoadBalancingClient.class, ElasticLoadBalancingClient::builder, Scope.REGIONAL);
    }

    public S3Client s3() {
        // path-style addressing: bucket names with dots, and endpoints (moto) without wildcard DNS
        return client(S3Client.class, () -> S3Client.builder().forcePathStyle(true), Scope.REGIONAL);
    }

    /**
     * Builds every client of the session now, without calling AWS: the first reconcile that uses them then does not
     * pay for building them (class loading, endpoint rules, the client's interceptors).
     */
    public void buildClients() {
        ec2();
        sts();
        autoScaling();
        iam();
        route53();
        elbv2();
        elb();
        s3();
    }

    <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            Class<C> type, Supplier<B> builder, Scope scope) {
        if (closed) {
            throw new IllegalStateException("AWS session closed: " + source + " in " + region);
        }
        Region clientRegion = scope == Scope.GLOBAL ? Region.AWS_GLOBAL : region;
        return type.cast(clients.computeIfAbsent(type, t -> factory.newClient(builder.get(), clientRegion, credentials)));
    }

    /** Closes the clients of this session (and the AssumeRole refresher it owns). */
    @Override
    public void close() {
        closed = true;
        List<AutoCloseable> toClose = new ArrayList<>(clients.values());
        clients.clear();
        if (ownsCredentials && credentials instanceof AutoCloseable closeable) {
            toClose.add(closeable);
        }
        toClose.forEach(AwsClientFactory::closeQuietly);
    }

    @Override
    public String toString() {
        return "AwsSession[" + source + ", " + region + "]";
    }
}
