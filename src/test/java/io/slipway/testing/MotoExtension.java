package io.slipway.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsClientFactory;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(MotoExtension.class)}: starts the JVM's moto server on first use, resets it before each
 * test, and injects into test (and lifecycle) method parameters:
 * <ul>
 *   <li>{@link MotoServer} and {@link URI} (its endpoint);</li>
 *   <li>{@link AwsClientFactory}: a factory for moto with the test credentials and no client-side rate limit, new
 *       for each test and closed after it;</li>
 *   <li>{@link MeterRegistry}: the registry that factory counts AWS calls in (read it with AwsCallCounter).</li>
 * </ul>
 */
public final class MotoExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        MotoServer.get().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MotoServer.class || type == URI.class || type == AwsClientFactory.class || type == MeterRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        MotoServer moto = MotoServer.get();
        if (type == MotoServer.class) {
            return moto;
        }
        if (type == URI.class) {
            return moto.endpoint();
        }
        TestAws aws = context.getStore(NAMESPACE).computeIfAbsent(TestAws.class, k -> new TestAws(moto), TestAws.class);
        return type == MeterRegistry.class ? aws.registry : aws.factory;
    }

    /** Per test (method store): closed by JUnit when the test ends. */
    private static final class TestAws implements AutoCloseable {
        final MeterRegistry registry = new SimpleMeterRegistry();
        final AwsClientFactory factory;

        TestAws(MotoServer moto) {
            factory = new AwsClientFactory(moto.awsConfig(registry).rateLimits(MotoServer.UNTHROTTLED).build());
        }

        @Override
        public void close() {
            factory.close();
        }
    }
}
