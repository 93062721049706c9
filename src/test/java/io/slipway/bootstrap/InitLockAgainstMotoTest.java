package io.slipway.bootstrap;

import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.slipway.bootstrap.NodeBootstraps.function;
import static io.slipway.bootstrap.NodeBootstraps.group;
import static io.slipway.bootstrap.NodeBootstraps.userData;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control plane's init lock, taken by the user data's own functions (bash, curl with SigV4, the conditional
 * {@code PutObject} the instances send) against moto's S3: of control-plane instances booting at once exactly one
 * wins and runs kubeadm init.
 */
@ExtendWith(MotoExtension.class)
class InitLockAgainstMotoTest {
    private static final Pattern HEADER = Pattern.compile("(?m)^readonly (REGION|BUCKET|INIT_LOCK_KEY)=.*$");

    @Test
    void ofTwoControlPlaneInstancesBootingAtOnceExactlyOneTakesTheLock(AwsClientFactory aws, URI moto, @TempDir Path dir)
            throws Exception {
        String script = userData(group("control-plane", InstanceGroupRole.ControlPlane, Map.of(), List.of()));
        S3Client s3 = store(aws);

        List<Process> racing = List.of(takeLock(script, moto, dir, "i-0aaaaaaaaaaaaaaa1"),
                takeLock(script, moto, dir, "i-0bbbbbbbbbbbbbbb2"));
        List<String> outcomes = new ArrayList<>();
        for (Process process : racing) {
            outcomes.add(outcome(process));
        }
        assertThat(outcomes).containsExactlyInAnyOrder("won", "lost");
        String winner = outcomes.get(0).equals("won") ? "i-0aaaaaaaaaaaaaaa1" : "i-0bbbbbbbbbbbbbbb2";
        assertThat(s3.getObjectAsBytes(r -> r.bucket(NodeBootstraps.STORE.bucket())
                .key(NodeBootstraps.STORE.initLockKey())).asUtf8String()).isEqualTo(winner);

        // an instance booting later loses; the winner asking again (its first answer lost) still holds the lock
        assertThat(outcome(takeLock(script, moto, dir, "i-0ccccccccccccccc3"))).isEqualTo("lost");
        assertThat(outcome(takeLock(script, moto, dir, winner))).isEqualTo("won");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(NodeBootstraps.STORE.bucket())
                .key(NodeBootstraps.STORE.initLockKey())).asUtf8String()).isEqualTo(winner);
    }

    @Test
    void ofFiveAtOnceExactlyOneWins(AwsClientFactory aws, URI moto, @TempDir Path dir) throws Exception {
        String script = userData(group("control-plane", InstanceGroupRole.ControlPlane, Map.of(), List.of()));
        store(aws);
        List<Process> racing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            racing.add(takeLock(script, moto, dir, "i-0" + i + "00000000000000" + i));
        }
        List<String> outcomes = new ArrayList<>();
        for (Process process : racing) {
            outcomes.add(outcome(process));
        }
        assertThat(outcomes).containsOnly("won", "lost").containsOnlyOnce("won");
    }

    @Test
    void anUnreachableStoreIsRetriedNotTakenAsLost(@TempDir Path dir) throws Exception {
        String script = userData(group("control-plane", InstanceGroupRole.ControlPlane, Map.of(), List.of()));
        assertThat(outcome(takeLock(script, URI.create("http://127.0.0.1:9"), dir, "i-0ddddddddddddddd4")))
                .isEqualTo("retry (HTTP 000)");
    }

    /** The bootstrap store's bucket as the Cluster makes it: versioned. */
    private static S3Client store(AwsClientFactory aws) {
        S3Client s3 = aws.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION).s3();
        String bucket = NodeBootstraps.STORE.bucket();
        s3.createBucket(r -> r.bucket(bucket));
        s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        return s3;
    }

    /** The script's lock functions with its own store settings, as instance {@code instanceId} with moto's S3. */
    private static Process takeLock(String script, URI moto, Path dir, String instanceId) throws Exception {
        StringBuilder driver = new StringBuilder("set -euo pipefail\n");
        Matcher header = HEADER.matcher(script);
        while (header.find()) {
            driver.append(header.group()).append('\n');
        }
        Path work = dir.resolve(instanceId + "-" + System.nanoTime());
        driver.append("S3_ENDPOINT=").append(NodeBootstrap.shellQuote(moto.toString().replaceAll("/$", ""))).append('\n')
                .append("WORK=").append(NodeBootstrap.shellQuote(work.toString())).append('\n')
                .append("INSTANCE_ID=").append(instanceId).append('\n')
                .append("AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=session-token\n")
                .append("mkdir -p \"$WORK\"\n");
        for (String name : List.of("log", "s3_request", "take_init_lock", "init_lock_holder_is_me")) {
            driver.append(function(script, name));
        }
        driver.append("take_init_lock\n");
        return new ProcessBuilder("bash", "-c", driver.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String outcome(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
