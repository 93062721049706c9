package io.slipway.rollout.remediation;

import io.slipway.api.InstanceGroupRole;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Judges one instance, as Cluster API's MachineHealthCheck does: a node (a bastion: an instance) that is not healthy
 * becomes unhealthy only once it has been so for longer than unhealthyAfter, counted from the later of the instance's
 * launch and the node's last Ready transition. Until then it is waiting and counts as healthy.
 */
final class HealthCheck {
    enum Status { HEALTHY, WAITING, UNHEALTHY, UNKNOWN }

    /** since: when the bad spell started; checkAt: when a WAITING instance turns UNHEALTHY; why: for messages (stable over time). */
    record Judgement(Status status, Instant since, Instant checkAt, String why) {
        static final Judgement HEALTHY = new Judgement(Status.HEALTHY, null, null, null);
    }

    private final Duration unhealthyAfter;

    HealthCheck(Duration unhealthyAfter) {
        this.unhealthyAfter = unhealthyAfter;
    }

    Judgement judge(InstanceHealth instance, InstanceGroupRole role, Instant now) {
        if (role == InstanceGroupRole.Bastion) {
            // a bastion never joins the cluster: running is all it can be asked
            if ("running".equals(instance.state())) {
                return Judgement.HEALTHY;
            }
            return expiry(instance.launchedAt(), now, "instance " + state(instance) + " since its launch at");
        }
        if (instance.ready()) {
            return Judgement.HEALTHY;
        }
        if (instance.nodeName() == null) {
            return expiry(instance.launchedAt(), now, "no node since its launch at");
        }
        Instant since = later(instance.launchedAt(), instance.notReadySince());
        return expiry(since, now, "node " + instance.nodeName() + " NotReady since");
    }

    private Judgement expiry(Instant since, Instant now, String what) {
        if (since == null) {
            return new Judgement(Status.UNKNOWN, null, null, what + " an unknown time");
        }
        Instant checkAt = since.plus(unhealthyAfter);
        if (now.isAfter(checkAt)) {
            // a time, not an age: the message stays the same from one reconcile to the next
            return new Judgement(Status.UNHEALTHY, since, checkAt, what + " " + since.truncatedTo(ChronoUnit.SECONDS)
                    + ", longer than unhealthyAfter " + GoDurations.format(unhealthyAfter));
        }
        return new Judgement(Status.WAITING, since, checkAt, what);
    }

    private static String state(InstanceHealth instance) {
        return instance.state() == null ? "not running" : instance.state();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
