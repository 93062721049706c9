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
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.List;
import java.util.Map;

/** Elastic IP: one AllocateAddress with tags; released with ReleaseAddress (retried while a NAT gateway holds it). */
public final class ElasticIpKind implements ResourceKind<ElasticIpSpec, ElasticIpKind.State> {
    public static final String NAME = "ElasticIp";

    /** {@code associationId} is set while something (a NAT gateway) uses the address. */
    public record State(String allocationId, String publicIp, String associationId, Map<String, String> tags) {
    }

    private final Ec2Client ec2;

    public ElasticIpKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ElasticIpSpec> specType() {
        return ElasticIpSpec.class;
    }

    @Override
    public List<LiveResource<State>> find(FindContext<ElasticIpSpec> context) {
        return Ec2Tags.owned(NAME, context.owner(), describe(Ec2Tags.ownerFilter(context.owner())),
                Address::allocationId, Address::tags, ElasticIpKind::state);
    }

    @Override
    public List<FieldChange> diff(ElasticIpSpec desired, State live, Refs refs) {
        return new Diff(refs).tags(desired.tags(), live.tags()).changes();
    }

    @Override
    public State create(Owner owner, String logicalId, ElasticIpSpec desired, Refs refs) {
        return IdempotentCreate.run(
                () -> {
                    var response = ec2.allocateAddress(r -> r.domain(DomainType.VPC)
                            .tagSpecifications(Ec2Tags.specification(ResourceType.ELASTIC_IP, desired.tags(), owner, logicalId))
                            .overrideConfiguration(IdempotentCreate.NO_SDK_RETRY));
                    return new State(response.allocationId(), response.publicIp(), null,
                            Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
                },
                () -> describe(Ec2Tags.ownerFilter(owner), Ec2Tags.resourceFilter(logicalId)).stream().findFirst()
                        .map(ElasticIpKind::state));
    }

    @Override
    public State update(String logicalId, ElasticIpSpec desired, State live, List<FieldChange> changes, Refs refs) {
        return new State(live.allocationId(), live.publicIp(), live.associationId(),
                Ec2Tags.putBack(ec2, live.allocationId(), changes, live.tags()));
    }

    @Override
    public void delete(State live) {
        try {
            ec2.releaseAddress(r -> r.allocationId(live.allocationId()));
        } catch (Ec2Exception e) {
            if (AwsCalls.hasCode(e, "InvalidAllocationID.NotFound")) {
                return;
            }
            if (live.associationId() != null && AwsCalls.hasCode(e, "AuthFailure", "InvalidIPAddress.InUse")) {
                // AWS keeps the address associated until the NAT gateway using it is fully deleted
                throw new IllegalStateException("address " + live.publicIp() + " is still in use: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public String cloudId(State live) {
        return live.allocationId();
    }

    @Override
    public Map<String, String> outputs(State live) {
        return Map.of("publicIp", live.publicIp());
    }

    private static State state(Address address) {
        String associationId = address.associationId() == null || address.associationId().isEmpty()
                ? null : address.associationId();
        return new State(address.allocationId(), address.publicIp(), associationId, Ec2Tags.toMap(address.tags()));
    }

    private List<Address> describe(Filter... filters) {
        return ec2.describeAddresses(r -> r.filters(filters)).addresses();
    }
}
