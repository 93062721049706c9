package io.slipway.workload.etcd;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EtcdRemovalJobTest {
    private static final String NODE = "ip-10-0-1-23.ec2.internal";

    @Test
    void runsEtcdctlOnTheOtherControlPlaneNodeWithItsEtcdPkiReadOnly() {
        Job job = EtcdRemovalJob.render(NODE, "ip-10-0-2-7.ec2.internal", "registry.k8s.io/etcd:3.5.16-0");

        assertThat(job.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(job.getMetadata().getName()).isEqualTo(EtcdRemovalJob.name(NODE)).startsWith("etcd-member-remove-ip-10-0-1-23");
        assertThat(job.getMetadata().getLabels()).containsEntry("slipway.io/etcd-member-remove", NODE);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isPositive();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeName()).isEqualTo("ip-10-0-2-7.ec2.internal");
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTolerations()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("node-role.kubernetes.io/control-plane");
            assertThat(t.getOperator()).isEqualTo("Exists");
        });
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getHostPath().getPath()).isEqualTo("/etc/kubernetes/pki/etcd");
            assertThat(v.getHostPath().getType()).isEqualTo("Directory");
        });
        Container etcdctl = pod.getContainers().get(0);
        assertThat(etcdctl.getImage()).isEqualTo("registry.k8s.io/etcd:3.5.16-0");
        assertThat(etcdctl.getVolumeMounts()).singleElement().satisfies(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/kubernetes/pki/etcd");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(etcdctl.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("MEMBER_NAME");
            assertThat(e.getValue()).isEqualTo(NODE);
        });
        assertThat(etcdctl.getCommand()).containsExactly("/bin/sh", "-c", EtcdRemovalJob.script());
        assertThat(EtcdRemovalJob.script()).contains("member list").contains("member remove").contains("exit 0");
    }

    @Test
    void namesAreStableDnsLabelsEvenForLongNodeNames() {
        String longName = "ip-10-123-234-101." + "a".repeat(40) + ".compute.internal";

        String name = EtcdRemovalJob.name(longName);

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").isEqualTo(EtcdRemovalJob.name(longName));
        assertThat(name).isNotEqualTo(EtcdRemovalJob.name(longName + "x"));
        assertThat(EtcdRemovalJob.name("cp-a")).isEqualTo("etcd-member-remove-cp-a");
        assertThat(EtcdRemovalJob.labelValue(longName)).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void theScriptPassesShellcheck(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("remove-etcd-member.sh"), EtcdRemovalJob.script());

        Process shellcheck = new ProcessBuilder("shellcheck", "-s", "sh", script.toString()).redirectErrorStream(true).start();
        String out = new String(shellcheck.getInputStream().readAllBytes());

        assertThat(shellcheck.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shellcheck.exitValue()).as(out).isZero();
    }
}
