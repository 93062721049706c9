package io.slipway.testing.workload;

import io.slipway.aws.OwnershipTags;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The running instances of one region's clusters in moto, bastions left out. The role comes from the instance's tags:
 * kops' {@value #CONTROL_PLANE_ROLE_TAG} (or the older {@value #MASTER_ROLE_TAG}) marks a control-plane instance, as
 * does {@value #SLIPWAY_ROLE_TAG}={@code ControlPlane}; the instance group from {@value #INSTANCE_GROUP_TAG} or else
 * the ownership scope tag {@code instancegroup/<name>}, both of which the group's ASG propagates.
 * <p>
 * Each look asks which instances run (DescribeInstanceStatus, a few bytes per instance) and describes only those it
 * has not seen before: what the simulator needs of an instance (zone, names, type, tags) does not change while it
 * runs. moto renders a full description at several milliseconds per instance, so a simulator that described every
 * instance on every pass would take a large share of the one moto server that the operator under test also waits on;
 * real kubelets put no load on the EC2 API.
 */
public final class ClusterInstances {
    public static final String CONTROL_PLANE_ROLE_TAG = "k8s.io/role/control-plane";
    public static final String MASTER_ROLE_TAG = "k8s.io/role/master";
    /** kops' tag of a bastion instance: it runs no kubelet, so no Node is simulated for it. */
    public static final String BASTION_ROLE_TAG = "k8s.io/role/bastion";
    public static final String SLIPWAY_ROLE_TAG = "slipway.io/role";
    /** As the asg branch's InstanceGroupModel.INSTANCE_GROUP_TAG. */
    public static final String INSTANCE_GROUP_TAG = "slipway.io/instancegroup";
    private static final String GROUP_SCOPE_PREFIX = "instancegroup/";
    /** moto reports an instance's launch time to the second, truncated. */
    private static final Duration LAUNCH_TIME_RESOLUTION = Duration.ofSeconds(1);

    private final Ec2Client ec2;
    private final Clock clock;
    /** Every running instance described so far: its cluster tag (null if none) and what a kubelet on it is (null: a bastion). */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(String cluster, SimulatedInstance instance) {
    }

    public ClusterInstances(Ec2Client ec2, Clock clock) {
        this.ec2 = ec2;
        this.clock = clock;
    }

    public List<SimulatedInstance> running(String namespace, String cluster) {
        List<String> running = new ArrayList<>();
        ec2.describeInstanceStatusPaginator(r -> r.includeAllInstances(false)
                        .filters(Filter.builder().name("instance-state-name").values("running").build()))
                .instanceStatuses().stream().map(InstanceStatus::instanceId).forEach(running::add);
        // the instances moto lists were running, at the latest, when its answer came back
        Instant seenBy = clock.instant();
        Instant wallSeenBy = Instant.now();
        known.keySet().retainAll(Set.copyOf(running));
        List<String> unknown = running.stream().filter(id -> !known.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            ec2.describeInstancesPaginator(r -> r.instanceIds(unknown)).reservations()
                    .forEach(r -> r.instances().forEach(i -> known.put(i.instanceId(), of(i, seenBy, wallSeenBy))));
        }
        String wanted = namespace + "/" + cluster;
        return running.stream().map(known::get)
                .filter(k -> k != null && wanted.equals(k.cluster()) && k.instance() != null)
                .map(Known::instance).toList();
    }

    private static Known of(Instance instance, Instant seenBy, Instant wallSeenBy) {
        Map<String, String> tags = instance.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        if (tags.containsKey(BASTION_ROLE_TAG)) {
            return new Known(tags.get(OwnershipTags.CLUSTER), null);
        }
        String scope = tags.getOrDefault(OwnershipTags.SCOPE, "");
        String group = tags.getOrDefault(INSTANCE_GROUP_TAG,
                scope.startsWith(GROUP_SCOPE_PREFIX) ? scope.substring(GROUP_SCOPE_PREFIX.length()) : "");
        boolean controlPlane = tags.containsKey(CONTROL_PLANE_ROLE_TAG) || tags.containsKey(MASTER_ROLE_TAG)
                || "ControlPlane".equals(tags.get(SLIPWAY_ROLE_TAG));
        return new Known(tags.get(OwnershipTags.CLUSTER), new SimulatedInstance(instance.instanceId(),
                instance.placement().availabilityZone(), instance.privateDnsName(), instance.privateIpAddress(),
                instance.instanceTypeAsString(), group, controlPlane, runningBy(instance.launchTime(), seenBy, wallSeenBy)));
    }

    /**
     * On the simulator's clock, the time by which the instance is known to have run: when it was first seen running, or
     * its launch time rounded up to moto's resolution, whichever is sooner (a kubelet boots from its instance's launch,
     * not from when someone noticed it). Never before it really launched. moto's launch time is on the wall clock: what
     * counts is how long before it was seen, so that a test's own clock keeps its meaning.
     */
    private static Instant runningBy(Instant launchTime, Instant seenBy, Instant wallSeenBy) {
        if (launchTime == null) {
            return seenBy;
        }
        Duration before = Duration.between(launchTime.plus(LAUNCH_TIME_RESOLUTION), wallSeenBy);
        return before.isNegative() ? seenBy : seenBy.minus(before);
    }
}
