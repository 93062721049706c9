package io.slipway.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Records core/v1 Events on our resources. Repeats of the same reason and message on the same object are folded into
 * one Event whose count grows, as the Kubernetes event recorder does. Failing to record an event never fails a reconcile.
 */
public class EventRecorder {
    public static final String COMPONENT = "slipway-operator";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata on, String reason, String message) {
        record(on, NORMAL, reason, message);
    }

    public void warning(HasMetadata on, String reason, String message) {
        record(on, WARNING, reason, message);
    }

    public void record(HasMetadata on, String type, String reason, String message) {
        String namespace = on.getMetadata().getNamespace();
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        String name = on.getMetadata().getName() + "." + digest(on.getMetadata().getUid() + type + reason + text);
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            var events = client.v1().events().inNamespace(namespace);
            Event existing = events.withName(name).get();
            if (existing != null) {
                events.withName(name).edit(e -> new EventBuilder(e)
                        .withCount(e.getCount() == null ? 2 : e.getCount() + 1)
                        .withLastTimestamp(now)
                        .build());
                return;
            }
            events.resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(on.getApiVersion()).withKind(on.getKind())
                            .withName(on.getMetadata().getName()).withNamespace(namespace)
                            .withUid(on.getMetadata().getUid())
                            .withResourceVersion(on.getMetadata().getResourceVersion())
                            .build())
                    .withType(type).withReason(reason).withMessage(text)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, namespace, on.getMetadata().getName(), e.getMessage());
        }
    }

    private static String digest(String s) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
