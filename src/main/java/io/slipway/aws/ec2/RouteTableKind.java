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
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteOrigin;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Route table: one CreateRouteTable with tags and a client token. Its describe also carries the routes and
 * associations that {@link RouteKind} and {@link RouteTableAssociationKind} read.
 */
public final class RouteTableKind implements ResourceKind<RouteTableSpec, RouteTableKind.State> {
    public static final String NAME = "RouteTable";

    /** A route Slipway may manage: IPv4 destination, created by CreateRoute (not the local or propagated ones). */
    public record RouteEntry(String destinationCidr, String targetId, String state) {
    }

    public record AssociationEntry(String associationId, String subnetId) {
    }

    public record State(String id, String vpcId, List<RouteEntry> routes, List<AssociationEntry> associations,
                        Map<String, String> tags) {
        public State {
            routes = List.copyOf(routes);
            associations = List.copyOf(associations);
        }
    }

    private final Ec2Client ec2;

    public RouteTableKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RouteTableSpec> specType() {
        return RouteTableSpec.class;
    }

    @Override
    public List<LiveResource<State>> find(FindContext<RouteTableSpec> context) {
        return Ec2Tags.owned(NAME, context.owner(), describe(Ec2Tags.ownerFilter(context.owner())),
                RouteTable::routeTableId, RouteTable::tags, RouteTableKind::state);
    }

    @Override
    public List<FieldChange> diff(RouteTableSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableRef("vpc", desired.vpc(), live.vpcId())
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, RouteTableSpec desired, Refs refs) {
        String vpcId = refs.require(desired.vpc());
        String clientToken = UUID.randomUUID().toString();
        RouteTable table = IdempotentCreate.run(
                () -> ec2.createRouteTable(r -> r.vpcId(vpcId).clientToken(clientToken)
                        .tagSpecifications(Ec2Tags.specification(ResourceType.ROUTE_TABLE, desired.tags(), owner, logicalId))
                        .overrideConfiguration(IdempotentCreate.NO_SDK_RETRY)).routeTable(),
                () -> describe(Ec2Tags.ownerFilter(owner), Ec2Tags.resourceFilter(logicalId)).stream().findFirst());
        State state = state(table);
        return new State(state.id(), vpcId, state.routes(), state.associations(),
                Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public State update(String logicalId, RouteTableSpec desired, State live, List<FieldChange> changes, Refs refs) {
        return new State(live.id(), live.vpcId(), live.routes(), live.associations(),
                Ec2Tags.putBack(ec2, live.id(), changes, live.tags()));
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.deleteRouteTable(r -> r.routeTableId(live.id())),
                "InvalidRouteTableID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.id();
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.vpcId());
    }

    /** The table a subnet is associated with, if any (one read; used when an association already exists). */
    java.util.Optional<RouteTable> tableOfSubnet(String subnetId) {
        return describe(Ec2Tags.filter("association.subnet-id", subnetId)).stream().findFirst();
    }

    static State state(RouteTable table) {
        List<RouteEntry> routes = new ArrayList<>();
        for (Route route : table.routes()) {
            if (route.origin() == RouteOrigin.CREATE_ROUTE && route.destinationCidrBlock() != null) {
                routes.add(new RouteEntry(route.destinationCidrBlock(), target(route), route.stateAsString()));
            }
        }
        List<AssociationEntry> associations = new ArrayList<>();
        for (RouteTableAssociation association : table.associations()) {
            if (!Boolean.TRUE.equals(association.main()) && association.subnetId() != null) {
                associations.add(new AssociationEntry(association.routeTableAssociationId(), association.subnetId()));
            }
        }
        return new State(table.routeTableId(), table.vpcId(), routes, associations, Ec2Tags.toMap(table.tags()));
    }

    private static String target(Route route) {
        for (String id : new String[]{route.natGatewayId(), route.gatewayId(), route.instanceId(),
                route.transitGatewayId(), route.vpcPeeringConnectionId(), route.networkInterfaceId()}) {
            if (id != null && !id.isEmpty()) {
                return id;
            }
        }
        return null;
    }

    private List<RouteTable> describe(Filter... filters) {
        return ec2.describeRouteTablesPaginator(r -> r.filters(filters)).routeTables().stream().toList();
    }
}
