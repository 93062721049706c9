package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * NAT gateway: one CreateNatGateway with tags and a client token. Usable (ready) once available; deleting ones,
 * deleted and failed ones count as absent.
 */
public final class NatGatewayKind implements ResourceKind<NatGatewaySpec, NatGatewayKind.State> {
    public static final String NAME = "NatGateway";
    private static final String[] PRESENT_STATES = {"pending", "available"};

    public record State(String id, String subnetId, String allocationId, String publicIp, String state,
                        Map<String, String> tags) {
    }

    /**
     * The owner's gateways as a watch read them by id after the last plan (every gateway that plan knew), handed to
     * the next plan's find ({@link io.slipway.cloud.ReadShare#hand}) so that the reconcile it wakes needs no call here.
     */
    public record Handed(List<NatGateway> gateways) {
        public Handed {
            gateways = List.copyOf(gateways);
        }

        public static String key(Owner owner) {
            return "ec2:DescribeNatGateways:handed:" + owner.id();
        }
    }

    private final Ec2Client ec2;

    public NatGatewayKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<NatGatewaySpec> specType() {
        return NatGatewaySpec.class;
    }

    @Override
    public List<LiveResource<State>> find(FindContext<NatGatewaySpec> context) {
        List<NatGateway> gateways = context.handed(Handed.key(context.owner()), Handed.class)
                .map(handed -> handed.gateways().stream().filter(NatGatewayKind::present).toList())
                .orElseGet(() -> describe(Ec2Tags.ownerFilter(context.owner())));
        return Ec2Tags.owned(NAME, context.owner(), gateways, NatGateway::natGatewayId, NatGateway::tags, NatGatewayKind::state);
    }

    @Override
    public List<FieldChange> diff(NatGatewaySpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableRef("subnet", desired.subnet(), live.subnetId())
                .immutableRef("elasticIp", desired.elasticIp(), live.allocationId())
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, NatGatewaySpec desired, Refs refs) {
        String subnetId = refs.require(desired.subnet());
        String allocationId = refs.require(desired.elasticIp());
        // the same token on every attempt: AWS answers a repeated create with the first gateway
        String clientToken = UUID.randomUUID().toString();
        NatGateway gateway = IdempotentCreate.run(
                () -> ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(allocationId).clientToken(clientToken)
                        .tagSpecifications(Ec2Tags.specification(ResourceType.NATGATEWAY, desired.tags(), owner, logicalId))
                        .overrideConfiguration(IdempotentCreate.NO_SDK_RETRY)).natGateway(),
                () -> describe(Ec2Tags.ownerFilter(owner), Ec2Tags.resourceFilter(logicalId)).stream()
                        .filter(g -> Ec2Tags.ownedLogicalId(Ec2Tags.toMap(g.tags()), owner).orElse("").equals(logicalId))
                        .findFirst());
        State state = state(gateway);
        return new State(state.id(), subnetId, allocationId, state.publicIp(), state.state(),
                Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public State update(String logicalId, NatGatewaySpec desired, State live, List<FieldChange> changes, Refs refs) {
        return new State(live.id(), live.subnetId(), live.allocationId(), live.publicIp(), live.state(),
                Ec2Tags.putBack(ec2, live.id(), changes, live.tags()));
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.deleteNatGateway(r -> r.natGatewayId(live.id())),
                "NatGatewayNotFound", "InvalidNatGatewayID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.id();
    }

    @Override
    public Set<String> references(State live) {
        return live.allocationId() == null ? Set.of(live.subnetId()) : Set.of(live.subnetId(), live.allocationId());
    }

    /** Pending for a minute or two on AWS. */
    @Override
    public boolean slowToBecomeReady() {
        return true;
    }

    @Override
    public boolean ready(State live) {
        return "available".equals(live.state());
    }

    @Override
    public Map<String, String> outputs(State live) {
        Map<String, String> outputs = new TreeMap<>();
        outputs.put("state", live.state());
        outputs.put("subnetId", live.subnetId());
        if (live.publicIp() != null) {
            outputs.put("publicIp", live.publicIp());
        }
        return outputs;
    }

    private static State state(NatGateway gateway) {
        NatGatewayAddress address = gateway.natGatewayAddresses().isEmpty() ? null : gateway.natGatewayAddresses().get(0);
        return new State(gateway.natGatewayId(), gateway.subnetId(), address == null ? null : address.allocationId(),
                address == null ? null : address.publicIp(), gateway.stateAsString(), Ec2Tags.toMap(gateway.tags()));
    }

    private static boolean present(NatGateway gateway) {
        return List.of(PRESENT_STATES).contains(gateway.stateAsString());
    }

    /** Present gateways only: "deleting", "deleted" and "failed" ones are as good as gone. */
    private List<NatGateway> describe(Filter... filters) {
        List<Filter> all = new ArrayList<>(List.of(filters));
        all.add(Ec2Tags.filter("state", PRESENT_STATES));
        return ec2.describeNatGatewaysPaginator(r -> r.filter(all)).natGateways().stream().toList();
    }
}
