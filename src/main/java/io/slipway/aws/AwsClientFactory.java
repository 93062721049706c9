package io.slipway.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Hands out {@link AwsSession}s, one per (credential source, region), all sharing one HTTP connection pool.
 * Every client it builds has the endpoint override (if any), the adaptive retry, the client-side rate limits
 * and the call metrics. {@link #close()} closes every client, credential refresher and the HTTP pool.
 */
public class AwsClientFactory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AwsClientFactory.class);

    private record Key(AwsCredentialSource source, Region region) {
    }

    private final AwsSessionConfig config;
    private final SdkHttpClient sharedHttpClient;
    private final AwsCallMetrics callMetrics;
    private final Map<Key, AwsSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public AwsClientFactory(AwsSessionConfig config) {
        this.config = config;
        this.sharedHttpClient = config.httpClientDecorator().apply(ApacheHttpClient.builder().build());
        this.callMetrics = new AwsCallMetrics(config.meterRegistry());
    }

    public AwsSessionConfig config() {
        return config;
    }

    /** The session for {@code source} in the configured default region. */
    public AwsSession session(AwsCredentialSource source) {
        return session(source, config.defaultRegion());
    }

    public AwsSession session(AwsCredentialSource source, String region) {
        return session(source, Region.of(region));
    }

    public AwsSession session(AwsCredentialSource source, Region region) {
        ensureOpen();
        // AssumeRole calls STS with the operator's session; get that one first, outside computeIfAbsent.
        AwsSession operator = source.kind() == AwsCredentialSource.Kind.ASSUME_ROLE
                ? session(AwsCredentialSource.operatorDefault(), region) : null;
        AwsSession session = sessions.computeIfAbsent(new Key(source, region), k -> newSession(source, region, operator));
        if (closed) {
            session.close();
            ensureOpen();
        }
        return session;
    }

    /**
     * Closes and forgets every session of {@code source} (e.g. when a cluster is deleted or its Secret's keys
     * were replaced). The next {@link #session} call builds fresh clients.
     */
    public void invalidate(AwsCredentialSource source) {
        sessions.entrySet().removeIf(e -> {
            if (e.getKey().source().equals(source)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    private AwsSession newSession(AwsCredentialSource source, Region region, AwsSession operator) {
        LOG.debugf("new AWS session %s in %s", source, region);
        return switch (source.kind()) {
            case OPERATOR_DEFAULT -> new AwsSession(this, source, region, config.operatorCredentials(), false);
            case STATIC_KEYS -> new AwsSession(this, source, region, StaticCredentialsProvider.create(staticCredentials(source)), false);
            case ASSUME_ROLE -> new AwsSession(this, source, region, StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(operator.sts())
                    .refreshRequest(r -> r.roleArn(source.roleArn())
                            .externalId(source.externalId())
                            .roleSessionName(source.sessionName())
                            .durationSeconds((int) config.assumeRoleDuration().toSeconds()))
                    .build(), true);
        };
    }

    private static AwsCredentials staticCredentials(AwsCredentialSource source) {
        return source.sessionToken() == null
                ? AwsBasicCredentials.create(source.accessKeyId(), source.secretAccessKey())
                : AwsSessionCredentials.create(source.accessKeyId(), source.secretAccessKey(), source.sessionToken());
    }

    <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C newClient(
            B builder, Region region, AwsCredentialsProvider credentials) {
        ensureOpen();
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(sharedHttpClient)
                .overrideConfiguration(o -> {
                    o.retryStrategy(config.newRetryStrategy());
                    o.addMetricPublisher(callMetrics);
                    o.addExecutionInterceptor(new RateLimitingInterceptor(config.rateLimits(), config.rateLimitClock(), config.meterRegistry()));
                    config.interceptors().forEach(o::addExecutionInterceptor);
                });
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Closes all sessions, the operator's credentials provider and the shared HTTP client. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AwsSession> all = new ArrayList<>(sessions.values());
        sessions.clear();
        all.forEach(AwsSession::close);
        closeQuietly(config.operatorCredentials());
        closeQuietly(sharedHttpClient);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("AwsClientFactory is closed");
        }
    }

    static void closeQuietly(Object resource) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf(e, "closing %s", resource.getClass().getSimpleName());
            }
        }
    }
}
