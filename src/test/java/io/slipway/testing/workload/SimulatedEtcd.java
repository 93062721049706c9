package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The stacked etcd of a simulated control plane: a member per control-plane node that joined (named like the node,
 * as kubeadm names members), kept when the node goes (as a real member is, until someone removes it); and the Job
 * controller for the Jobs labelled {@value #JOB_LABEL} in kube-system, which "run" the member removal: on their
 * pinned node, once it is Ready, the removal is recorded, the member (if still there) removed and the Job marked
 * Complete (or Failed with BackoffLimitExceeded while {@link #failRemovals} is set). Finished Jobs are deleted once
 * their ttlSecondsAfterFinished has passed.
 */
public final class SimulatedEtcd {
    static final String JOB_LABEL = "slipway.io/etcd-member-remove";

    /** A removal a Job carried out: which member, from which node, and whether it was still a member. */
    public record Removal(String member, String ranOn, String job, boolean wasMember) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Set<String> members = new LinkedHashSet<>();
    private final Set<String> joined = new LinkedHashSet<>();
    private final List<Removal> removals = new ArrayList<>();
    private final AtomicBoolean failRemovals = new AtomicBoolean();

    SimulatedEtcd(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    synchronized List<String> members() {
        return List.copyOf(members);
    }

    synchronized List<Removal> removals() {
        return List.copyOf(removals);
    }

    void failRemovals(boolean fail) {
        failRemovals.set(fail);
    }

    void sync() {
        List<Node> nodes = client.nodes().list().getItems();
        synchronized (this) {
            for (Node node : nodes) {
                String name = node.getMetadata().getName();
                Map<String, String> labels = node.getMetadata().getLabels();
                if (labels != null && labels.containsKey(SimulatedKubelets.CONTROL_PLANE_ROLE_LABEL) && joined.add(name)) {
                    members.add(name);
                }
            }
        }
        Map<String, Node> byName = nodes.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
        for (Job job : client.batch().v1().jobs().inNamespace(SimulatedKubelets.KUBE_SYSTEM).withLabel(JOB_LABEL).list().getItems()) {
            if (finishedAt(job).isPresent()) {
                expire(job);
            } else {
                run(job, byName.get(job.getSpec().getTemplate().getSpec().getNodeName()));
            }
        }
    }

    private void run(Job job, Node pinned) {
        if (pinned == null || !SimulatedKubelets.isReady(pinned)) {
            return;
        }
        String now = clock.instant().toString();
        JobBuilder finished = new JobBuilder(job);
        if (failRemovals.get()) {
            finished.withNewStatus().withStartTime(now).withFailed(Optional.ofNullable(job.getSpec().getBackoffLimit()).orElse(6) + 1)
                    .withActive(0).addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                            .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                            .withLastTransitionTime(now).withLastProbeTime(now).build())
                    .endStatus();
        } else {
            String member = member(job);
            synchronized (this) {
                removals.add(new Removal(member, pinned.getMetadata().getName(), job.getMetadata().getName(), members.contains(member)));
                members.remove(member);
            }
            finished.withNewStatus().withStartTime(now).withCompletionTime(now).withSucceeded(1).withActive(0)
                    .addToConditions(new JobConditionBuilder().withType("Complete").withStatus("True")
                            .withLastTransitionTime(now).withLastProbeTime(now).build())
                    .endStatus();
        }
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(finished.build()).updateStatus();
    }

    /** The member the Job removes: its container's MEMBER_NAME, as the script reads it. */
    private static String member(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .filter(e -> "MEMBER_NAME".equals(e.getName())).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("Job " + job.getMetadata().getName() + " names no MEMBER_NAME"));
    }

    private void expire(Job job) {
        Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
        Instant finished = finishedAt(job).orElseThrow();
        if (ttl != null && !clock.instant().isBefore(finished.plusSeconds(ttl))) {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).delete();
        }
    }

    private static Optional<Instant> finishedAt(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst();
    }
}
