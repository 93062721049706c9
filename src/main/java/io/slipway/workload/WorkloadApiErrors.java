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
import java.util.concurrent.TimeoutException;

/**
 * Says in a few words why a call to a workload cluster's API failed. Built from exception types, HTTP codes and the
 * JDK's own host-name check, never from a message that could quote a response body.
 */
public final class WorkloadApiErrors {
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
            if (t instanceof UnknownHostException) {
                return "the API host does not resolve";
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
}
