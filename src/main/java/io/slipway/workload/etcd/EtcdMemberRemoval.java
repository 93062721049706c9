package io.slipway.workload.etcd;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Comparator;
import java.util.Optional;

/**
 * Removes the etcd member of a control-plane node that is about to be terminated, from inside the workload cluster
 * (so the operator needs no network path to etcd): a Job ({@link EtcdRemovalJob}) on another Ready control-plane
 * node runs etcdctl there. Each call is one non-blocking look: it creates the Job if there is none and reports the
 * Job's state; the caller repeats it and owns the timeout. Finished Jobs are deleted by their TTL; a call after that
 * makes a new Job, which succeeds at once because the member is gone.
 */
public final class EtcdMemberRemoval {
    static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    public EtcdRemovalProgress remove(KubernetesClient workload, String nodeName) {
        String jobName = EtcdRemovalJob.name(nodeName);
        Job job = workload.batch().v1().jobs().inNamespace(EtcdRemovalJob.NAMESPACE).withName(jobName).get();
        if (job == null) {
            Optional<Node> runner = runner(workload, nodeName);
            if (runner.isEmpty()) {
                return EtcdRemovalProgress.inProgress("waiting for another Ready control-plane node to run etcdctl on");
            }
            String runnerName = runner.get().getMetadata().getName();
            try {
                workload.batch().v1().jobs().inNamespace(EtcdRemovalJob.NAMESPACE)
                        .resource(EtcdRemovalJob.render(nodeName, runnerName, etcdImage(workload, runnerName))).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            return EtcdRemovalProgress.inProgress("Job " + EtcdRemovalJob.NAMESPACE + "/" + jobName + " created on " + runnerName);
        }
        return progress(job);
    }

    static EtcdRemovalProgress progress(Job job) {
        String name = EtcdRemovalJob.NAMESPACE + "/" + job.getMetadata().getName();
        if (job.getStatus() == null) {
            return EtcdRemovalProgress.inProgress("Job " + name + " has not started");
        }
        if (job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0 || hasCondition(job, "Complete")) {
            return EtcdRemovalProgress.done();
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
            JobCondition c = failed.get();
            return EtcdRemovalProgress.failed("Job " + name + " failed: " + Optional.ofNullable(c.getReason()).orElse("Failed")
                    + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"));
        }
        int failures = job.getStatus().getFailed() == null ? 0 : job.getStatus().getFailed();
        return EtcdRemovalProgress.inProgress("Job " + name + " running" + (failures > 0 ? ", " + failures + " failed attempt(s)" : ""));
    }

    /** Another Ready control-plane node, schedulable ones first, by name so that repeated calls agree. */
    static Optional<Node> runner(KubernetesClient workload, String leaving) {
        return workload.nodes().withLabel(CONTROL_PLANE_LABEL).list().getItems().stream()
                .filter(n -> !n.getMetadata().getName().equals(leaving))
                .filter(n -> n.getMetadata().getDeletionTimestamp() == null && isReady(n))
                .min(Comparator.comparing((Node n) -> n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                        .thenComparing(n -> n.getMetadata().getName()));
    }

    /** The image of the runner's own etcd (kubeadm's static pod {@code etcd-<node>}): etcdctl of the cluster's etcd version. */
    private static String etcdImage(KubernetesClient workload, String runnerNode) {
        Pod etcd = workload.pods().inNamespace(EtcdRemovalJob.NAMESPACE).withName("etcd-" + runnerNode).get();
        if (etcd == null || etcd.getSpec() == null || etcd.getSpec().getContainers() == null) {
            return EtcdRemovalJob.DEFAULT_IMAGE;
        }
        return etcd.getSpec().getContainers().stream().filter(c -> "etcd".equals(c.getName())).map(Container::getImage)
                .filter(i -> i != null && !i.isBlank()).findFirst().orElse(EtcdRemovalJob.DEFAULT_IMAGE);
    }

    private static boolean hasCondition(Job job, String type) {
        return condition(job, type).isPresent();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        return job.getStatus().getConditions() == null ? Optional.empty() : job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
