package io.slipway.aws.elb;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Outputs;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Ref;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes API's network load balancer. Found by its name (derived from the cluster, so a find needs the
 * desired spec; a teardown gets it through its lookup graph): DescribeLoadBalancers by name, its tags read with the
 * target groups' and listeners' in one DescribeTags ({@link ElbFind}). Scheme and subnets are refused when they change (a network load balancer
 * cannot move between them in place); security groups and tags are put back. Cross-zone is a resource of its own
 * ({@link LoadBalancerCrossZoneKind}).
 */
public final class LoadBalancerKind implements ResourceKind<LoadBalancerSpec, LoadBalancerKind.Live> {
    public static final String NAME = "LoadBalancer";
    /** Outputs other resources reference ({@link Ref#output}). */
    public static final String ARN = "arn";
    public static final String DNS_NAME = "dnsName";
    public static final String CANONICAL_HOSTED_ZONE_ID = "canonicalHostedZoneId";

    public record Live(String arn, String name, String dnsName, String canonicalHostedZoneId, String scheme,
                       String vpcId, Set<String> subnetIds, Set<String> securityGroupIds, String state, Map<String, String> tags) implements Outputs {
        public Live {
            subnetIds = Set.copyOf(new TreeSet<>(subnetIds));
            securityGroupIds = Set.copyOf(new TreeSet<>(securityGroupIds));
        }

        @Override
        public Map<String, String> outputs() {
            return Map.of(ARN, arn, DNS_NAME, dnsName, CANONICAL_HOSTED_ZONE_ID, canonicalHostedZoneId);
        }
    }

    private final ElasticLoadBalancingV2Client elb;

    public LoadBalancerKind(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<LoadBalancerSpec> specType() {
        return LoadBalancerSpec.class;
    }

    @Override
    public List<LiveResource<Live>> find(FindContext<LoadBalancerSpec> context) {
        if (context.desired().isEmpty()) {
            return List.of();
        }
        ElbFind read = ElbFind.of(context, elb);
        List<LiveResource<Live>> found = new ArrayList<>();
        for (LoadBalancer balancer : read.balancers()) {
            Map<String, String> own = read.tagsOf(balancer.loadBalancerArn());
            Optional<String> logicalId = OwnershipTags.ownedLogicalId(own, context.owner());
            if (logicalId.isPresent()) {
                found.add(new LiveResource<>(NAME, logicalId.get(), balancer.loadBalancerArn(),
                        live(balancer, own), true));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(LoadBalancerSpec desired, Live live, Refs refs) {
        return new Diff(refs)
                .immutableField("scheme", desired.scheme(), live.scheme())
                .immutableField("subnets", resolved(desired.subnets(), refs), new TreeSet<>(live.subnetIds()))
                .field("securityGroups", resolved(desired.securityGroups(), refs), new TreeSet<>(live.securityGroupIds()))
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public Live create(Owner owner, String logicalId, LoadBalancerSpec desired, Refs refs) {
        List<String> subnets = desired.subnets().stream().map(refs::require).toList();
        List<String> groups = desired.securityGroups().stream().map(refs::require).toList();
        LoadBalancer created = NamedCreate.run(
                () -> elb.createLoadBalancer(r -> r.name(desired.name()).type(LoadBalancerTypeEnum.NETWORK)
                        .scheme(desired.internal() ? LoadBalancerSchemeEnum.INTERNAL : LoadBalancerSchemeEnum.INTERNET_FACING)
                        .subnets(subnets).securityGroups(groups)
                        .tags(ElbTags.forCreate(desired.tags(), owner, logicalId))
                        .overrideConfiguration(NamedCreate.NO_SDK_RETRY)).loadBalancers().get(0),
                () -> describe(Set.of(desired.name())).stream()
                        .filter(b -> ours(b.loadBalancerArn(), owner, logicalId)).findFirst(),
                "DuplicateLoadBalancerName");
        return live(created, OwnershipTags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public Live update(String logicalId, LoadBalancerSpec desired, Live live, List<FieldChange> changes, Refs refs) {
        Set<String> groups = live.securityGroupIds();
        for (FieldChange change : changes) {
            switch (change.field()) {
                case "securityGroups" -> {
                    List<String> wanted = desired.securityGroups().stream().map(refs::require).toList();
                    elb.setSecurityGroups(r -> r.loadBalancerArn(live.arn()).securityGroups(wanted));
                    groups = new HashSet<>(wanted);
                }
                default -> {
                    // tags below; immutable fields never reach an update
                }
            }
        }
        Map<String, String> tags = ElbTags.putBack(elb, live.arn(), changes, live.tags());
        return new Live(live.arn(), live.name(), live.dnsName(), live.canonicalHostedZoneId(), live.scheme(),
                live.vpcId(), live.subnetIds(), groups, live.state(), tags);
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(live.arn())), "LoadBalancerNotFound");
    }

    /** Provisioning for a few minutes on AWS; the API endpoint is usable only then. */
    @Override
    public boolean slowToBecomeReady() {
        return true;
    }

    @Override
    public String cloudId(Live live) {
        return live.arn();
    }

    @Override
    public Set<String> references(Live live) {
        Set<String> all = new HashSet<>(live.subnetIds());
        all.addAll(live.securityGroupIds());
        return all;
    }

    @Override
    public Map<String, String> outputs(Live live) {
        return Map.of(ARN, live.arn(), DNS_NAME, live.dnsName(), CANONICAL_HOSTED_ZONE_ID, live.canonicalHostedZoneId(),
                "scheme", live.scheme(), "state", live.state() == null ? "" : live.state());
    }

    private boolean ours(String arn, Owner owner, String logicalId) {
        return OwnershipTags.ownedLogicalId(ElbTags.of(elb, List.of(arn)).getOrDefault(arn, Map.of()), owner)
                .filter(logicalId::equals).isPresent();
    }

    /** The balancers of these names; none is not an error. */
    private List<LoadBalancer> describe(Set<String> names) {
        return ElbFind.balancers(elb, names);
    }

    private static Live live(LoadBalancer balancer, Map<String, String> tags) {
        Set<String> subnets = new TreeSet<>();
        for (AvailabilityZone zone : balancer.availabilityZones()) {
            subnets.add(zone.subnetId());
        }
        return new Live(balancer.loadBalancerArn(), balancer.loadBalancerName(), balancer.dnsName(),
                balancer.canonicalHostedZoneId(), balancer.schemeAsString(), balancer.vpcId(), subnets,
                new TreeSet<>(balancer.securityGroups()),
                balancer.state() == null ? null : balancer.state().codeAsString(), tags);
    }

    private static TreeSet<String> resolved(List<Ref> refs, Refs resolver) {
        TreeSet<String> ids = new TreeSet<>();
        for (Ref ref : refs) {
            ids.add(resolver.value(ref).orElse(io.slipway.cloud.FieldChange.KNOWN_AFTER_APPLY));
        }
        return ids;
    }
}
