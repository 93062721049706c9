package io.slipway.workload;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a call failed, from the shapes of failure chains the Fabric8 client gives: an {@code IOException} wrapping what
 * the Vert.x client's resolver reported, which need not be an {@link UnknownHostException}.
 */
class WorkloadApiErrorsTest {

    /** What netty's DNS resolver says, under the IOException Fabric8 adds to keep the caller's stack. */
    static final class SearchDomainFailure extends RuntimeException {
        SearchDomainFailure(String message) {
            super(message);
        }
    }

    @Test
    void aHostThatDoesNotResolveIsSaidSoWhateverTheExceptionTypes() {
        assertThat(WorkloadApiErrors.describe(new KubernetesClientException("An error has occurred.",
                new IOException("Failed to resolve 'api.demo.example.com' [A(1), AAAA(28)] after 4 queries ",
                        new SearchDomainFailure("Search domain query failed. Original hostname: 'api.demo.example.com'"
                                + " failed to resolve 'api.demo.example.com.ec2.internal'")))))
                .isEqualTo("the API host does not resolve");
        assertThat(WorkloadApiErrors.describe(new KubernetesClientException("An error has occurred.",
                new IOException("api.demo.example.com: Name or service not known"))))
                .isEqualTo("the API host does not resolve");
        assertThat(WorkloadApiErrors.describe(new KubernetesClientException("An error has occurred.",
                new IOException("wrapped", new UnknownHostException("api.demo.example.com")))))
                .isEqualTo("the API host does not resolve");
    }

    @Test
    void theMessageNeverQuotesTheHostOrTheCause() {
        String said = WorkloadApiErrors.describe(new IOException("Failed to resolve 'api.secret-name.example.com'"));

        assertThat(said).doesNotContain("secret-name");
    }

    @Test
    void anHttpAnswerIsNotReadAsAResolutionFailureEvenIfItsBodySaysSo() {
        KubernetesClientException answer = new KubernetesClientException(new StatusBuilder().withCode(502)
                .withReason("BadGateway").withMessage("upstream: failed to resolve backend").build());

        assertThat(WorkloadApiErrors.describe(answer)).isEqualTo("HTTP 502 BadGateway");
    }

    @Test
    void otherFailuresStillSayWhatTheyAre() {
        assertThat(WorkloadApiErrors.describe(new KubernetesClientException("An error has occurred.",
                new IOException("x", new java.net.ConnectException("Connection refused")))))
                .isEqualTo("connection refused");
        assertThat(WorkloadApiErrors.describe(new KubernetesClientException("An error has occurred.", new IOException("reset"))))
                .isEqualTo("KubernetesClientException");
    }
}
