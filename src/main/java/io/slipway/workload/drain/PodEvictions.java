package io.slipway.workload.drain;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a policy/v1 Eviction to {@code pods/<name>/eviction}. Fabric8's {@code evict()} answers a 429 with
 * {@code false} and drops the API's message; the drain reports that message (which budget, why), so the request is
 * made here with the client's own HTTP client (same TLS and credentials).
 */
class PodEvictions {
    private static final long TIMEOUT_SECONDS = 30;

    EvictionResult evict(KubernetesClient client, Eviction eviction) {
        String namespace = eviction.getMetadata().getNamespace();
        String name = eviction.getMetadata().getName();
        String url = URLUtils.join(client.getMasterUrl().toString(), "api", "v1", "namespaces", namespace, "pods", name, "eviction");
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().uri(url)
                .post("application/json", client.getKubernetesSerialization().asJson(eviction)).build();
        HttpResponse<String> response;
        try {
            response = http.sendAsync(request, String.class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while evicting " + namespace + "/" + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("eviction of " + namespace + "/" + name + " failed", e);
        }
        int code = response.code();
        if (code >= 200 && code < 300) {
            return new EvictionResult(EvictionResult.Outcome.EVICTED, "");
        }
        String message = statusMessage(client, response.body(), code);
        return switch (code) {
            case 404 -> new EvictionResult(EvictionResult.Outcome.GONE, message);
            case 429 -> new EvictionResult(EvictionResult.Outcome.REFUSED_BY_BUDGET, message);
            default -> new EvictionResult(EvictionResult.Outcome.FAILED, "HTTP " + code + ": " + message);
        };
    }

    /** The {@code message} of the Status the API answered with. */
    private static String statusMessage(KubernetesClient client, String body, int code) {
        try {
            JsonNode status = client.getKubernetesSerialization().unmarshal(body, JsonNode.class);
            String message = status == null ? null : status.path("message").asText(null);
            if (message != null && !message.isBlank()) {
                return message;
            }
        } catch (RuntimeException e) {
            // not a Status: fall through
        }
        return "the eviction was refused (HTTP " + code + ")";
    }
}
