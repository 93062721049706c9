package io.slipway.workload;

import io.fabric8.kubernetes.client.KubernetesClientException;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Says in a few words why a call to a workload cluster's API failed. Built from exception types, HTTP codes and the
 * JDK's own host-name check, never from a message that could quote a response body. A name lookup that failed is
 * also recognised by the transport exceptions' own messages (only ever matched, never quoted): the Vert.x HTTP client's
 * chain need not hold an {@link UnknownHostException}.
 */
public final class WorkloadApiErrors {
    static final String HOST_DOES_NOT_RESOLVE = "the API host does not resolve";
    /** What resolvers say (netty's DNS resolver, glibc, macOS, musl, Windows), lower case. */
    private static final List<String> RESOLUTION_FAILURES = List.of("failed to resolve", "unknownhostexception",
            "unknown host", "name or service not known", "nodename nor servname", "no address associated with hostname",
            "temporary failure in name resolution", "name does not resolve", "no such host is known");

    private WorkloadApiErrors() {
    }

    public static String describe(Throwable failure) {
        boolean tls = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "TLS: the API server's certificate is not signed by the CA in the cluster's kubeconfig";
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).startsWith("No subject alternative")) {
                return "TLS: the API server's certificate does not name the host it was reached at";
            }
            if (t instanceof SSLHandshakeException) {
                tls = true;
            }
            if (t instanceof UnknownHostException || unresolved(t)) {
                return HOST_DOES_NOT_RESOLVE;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return "timed out";
            }
        }
        if (tls) {
            return "TLS handshake failed (the server refused the client certificate, or spoke no common protocol)";
        }
        if (failure instanceof KubernetesClientException e && e.getCode() > 0) {
            return "HTTP " + e.getCode() + (e.getStatus() != null && e.getStatus().getReason() != null
                    ? " " + e.getStatus().getReason() : "");
        }
        return failure.getClass().getSimpleName();
    }

    /** A failed name lookup seen only in the message or type name; an HTTP answer (it has a code) never counts. */
    private static boolean unresolved(Throwable t) {
        if (t instanceof KubernetesClientException e && e.getCode() > 0) {
            return false;
        }
        if (t.getClass().getSimpleName().contains("UnknownHost")) {
            return true;
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        return RESOLUTION_FAILURES.stream().anyMatch(message::contains);
    }
}
