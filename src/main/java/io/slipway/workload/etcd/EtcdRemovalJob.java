package io.slipway.workload.etcd;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Renders the Job that removes a node's etcd member from inside the workload cluster: pinned to another
 * control-plane node, on its host network (etcd listens on 127.0.0.1:2379 there) with that node's etcd PKI mounted
 * read-only, running {@code remove-etcd-member.sh} with the etcd image (which carries etcdctl).
 */
public final class EtcdRemovalJob {
    public static final String NAMESPACE = "kube-system";
    public static final String NODE_LABEL = "slipway.io/etcd-member-remove";
    /** The etcd image kubeadm 1.32 deploys; used when the runner node's own etcd pod cannot be read. */
    public static final String DEFAULT_IMAGE = "registry.k8s.io/etcd:3.5.16-0";
    static final String PKI_DIR = "/etc/kubernetes/pki/etcd";
    static final int BACKOFF_LIMIT = 3;
    /** Finished Jobs (and their pods) are deleted by the TTL controller after this long. */
    static final int TTL_SECONDS_AFTER_FINISHED = 3600;
    static final long ACTIVE_DEADLINE_SECONDS = 600;
    private static final String PREFIX = "etcd-member-remove-";
    private static final int MAX_NAME = 63;

    private EtcdRemovalJob() {
    }

    /** The Job's name for a node: stable, a DNS label (it is also the pods' job-name label value). */
    public static String name(String nodeName) {
        String label = nodeName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String name = PREFIX + label;
        if (name.length() <= MAX_NAME && name.equals(PREFIX + nodeName)) {
            return name;
        }
        String hash = hash(nodeName);
        String head = (PREFIX + label).substring(0, Math.min(name.length(), MAX_NAME - hash.length() - 1)).replaceAll("-+$", "");
        return head + "-" + hash;
    }

    /** A label value for the node name (at most 63 characters; the Job's name is the exact key). */
    static String labelValue(String nodeName) {
        String value = nodeName.replaceAll("[^A-Za-z0-9._-]", "-");
        if (value.length() > MAX_NAME) {
            value = value.substring(0, MAX_NAME - 9) + "-" + hash(nodeName);
        }
        return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    public static Job render(String memberNode, String runnerNode, String image) {
        return new JobBuilder()
                .withNewMetadata().withName(name(memberNode)).withNamespace(NAMESPACE)
                .addToLabels(NODE_LABEL, labelValue(memberNode))
                .addToLabels("app.kubernetes.io/managed-by", "slipway")
                .addToAnnotations(NODE_LABEL, memberNode)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                .withTtlSecondsAfterFinished(TTL_SECONDS_AFTER_FINISHED)
                .withActiveDeadlineSeconds(ACTIVE_DEADLINE_SECONDS)
                .withNewTemplate()
                .withNewMetadata().addToLabels(NODE_LABEL, labelValue(memberNode)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withNodeName(runnerNode)
                .withHostNetwork(true)
                .withPriorityClassName("system-cluster-critical")
                .addNewToleration().withKey("node-role.kubernetes.io/control-plane").withOperator("Exists").endToleration()
                .addNewToleration().withKey("node.kubernetes.io/unschedulable").withOperator("Exists").endToleration()
                .addNewContainer()
                .withName("etcdctl").withImage(image)
                .withCommand("/bin/sh", "-c", script())
                .addNewEnv().withName("MEMBER_NAME").withValue(memberNode).endEnv()
                .addNewVolumeMount().withName("etcd-pki").withMountPath(PKI_DIR).withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("etcd-pki")
                .withNewHostPath().withPath(PKI_DIR).withType("Directory").endHostPath().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The shell script the Job runs (a resource, so that it is shellchecked as a file). */
    public static String script() {
        try (InputStream in = EtcdRemovalJob.class.getResourceAsStream("remove-etcd-member.sh")) {
            if (in == null) {
                throw new IllegalStateException("remove-etcd-member.sh is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
