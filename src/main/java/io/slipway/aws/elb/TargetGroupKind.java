package io.slipway.aws.elb;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Outputs;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A target group of instances (the control plane's, behind the API load balancer). Found by name: one
 * DescribeTargetGroups and, when found, one DescribeTags: at most 2 calls per find. VPC, protocol and port are
 * immutable; the health check and tags are put back.
 */
public final class TargetGroupKind implements ResourceKind<TargetGroupSpec, TargetGroupKind.Live> {
    public static final String NAME = "TargetGroup";
    public static final String ARN = "arn";

    public record Live(String arn, String name, String vpcId, String protocol, int port, String healthCheckProtocol,
                       int healthCheckPort, String healthCheckPath, Map<String, String> tags) implements Outputs {
        @Override
        public Map<String, String> outputs() {
            return Map.of(ARN, arn);
        }
    }

    private final ElasticLoadBalancingV2Client elb;

    public TargetGroupKind(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TargetGroupSpec> specType() {
        return TargetGroupSpec.class;
    }

    @Override
    public List<LiveResource<Live>> find(FindContext<TargetGroupSpec> context) {
        if (context.desired().isEmpty()) {
            return List.of();
        }
        ElbFind read = ElbFind.of(context, elb);
        List<LiveResource<Live>> found = new ArrayList<>();
        for (TargetGroup group : read.groups()) {
            Map<String, String> own = read.tagsOf(group.targetGroupArn());
            OwnershipTags.ownedLogicalId(own, context.owner()).ifPresent(logicalId ->
                    found.add(new LiveResource<>(NAME, logicalId, group.targetGroupArn(), live(group, own), true)));
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(TargetGroupSpec desired, Live live, Refs refs) {
        return new Diff(refs)
                .immutableRef("vpc", desired.vpc(), live.vpcId())
                .immutableField("protocol", desired.protocol(), live.protocol())
                .immutableField("port", desired.port(), live.port())
                .field("healthCheckProtocol", desired.healthCheckProtocol(), live.healthCheckProtocol())
                .field("healthCheckPort", desired.healthCheckPort(), live.healthCheckPort())
                .field("healthCheckPath", desired.healthCheckPath(), live.healthCheckPath())
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public Live create(Owner owner, String logicalId, TargetGroupSpec desired, Refs refs) {
        String vpcId = refs.require(desired.vpc());
        TargetGroup created = NamedCreate.run(
                () -> elb.createTargetGroup(r -> r.name(desired.name()).vpcId(vpcId).targetType(TargetTypeEnum.INSTANCE)
                        .protocol(desired.protocol()).port(desired.port())
                        .healthCheckProtocol(desired.healthCheckProtocol())
                        .healthCheckPort(Integer.toString(desired.healthCheckPort()))
                        .healthCheckPath(desired.healthCheckPath())
                        .tags(ElbTags.forCreate(desired.tags(), owner, logicalId))
                        .overrideConfiguration(NamedCreate.NO_SDK_RETRY)).targetGroups().get(0),
                () -> describe(Set.of(desired.name())).stream().filter(g -> OwnershipTags.ownedLogicalId(
                        ElbTags.of(elb, List.of(g.targetGroupArn())).getOrDefault(g.targetGroupArn(), Map.of()), owner)
                        .filter(logicalId::equals).isPresent()).findFirst(),
                "DuplicateTargetGroupName");
        return live(created, OwnershipTags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public Live update(String logicalId, TargetGroupSpec desired, Live live, List<FieldChange> changes, Refs refs) {
        boolean healthCheck = changes.stream().anyMatch(c -> c.field().startsWith("healthCheck"));
        Live updated = live;
        if (healthCheck) {
            updated = live(elb.modifyTargetGroup(r -> r.targetGroupArn(live.arn())
                    .healthCheckProtocol(desired.healthCheckProtocol())
                    .healthCheckPort(Integer.toString(desired.healthCheckPort()))
                    .healthCheckPath(desired.healthCheckPath())).targetGroups().get(0), live.tags());
        }
        Map<String, String> tags = ElbTags.putBack(elb, live.arn(), changes, live.tags());
        return new Live(updated.arn(), updated.name(), updated.vpcId(), updated.protocol(), updated.port(),
                updated.healthCheckProtocol(), updated.healthCheckPort(), updated.healthCheckPath(), tags);
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(live.arn())), "TargetGroupNotFound");
    }

    @Override
    public String cloudId(Live live) {
        return live.arn();
    }

    @Override
    public Set<String> references(Live live) {
        return Set.of(live.vpcId());
    }


    private List<TargetGroup> describe(Set<String> names) {
        return ElbFind.groups(elb, names);
    }

    private static Live live(TargetGroup group, Map<String, String> tags) {
        Optional<String> path = Optional.ofNullable(group.healthCheckPath()).filter(p -> !p.isEmpty());
        return new Live(group.targetGroupArn(), group.targetGroupName(), group.vpcId(), group.protocolAsString(),
                group.port(), group.healthCheckProtocolAsString(),
                group.healthCheckPort() == null || group.healthCheckPort().equals("traffic-port") ? group.port()
                        : Integer.parseInt(group.healthCheckPort()),
                path.orElse(null), tags);
    }
}
