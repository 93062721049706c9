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
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A route of an owned route table: CreateRoute / ReplaceRoute / DeleteRoute. Read from the route tables'
 * describe. Every CreateRoute route in an owned table is Slipway's: one added out of band is removed.
 */
public final class RouteKind implements ResourceKind<RouteSpec, RouteKind.State> {
    public static final String NAME = "Route";

    /** {@code state} is "blackhole" when the target is gone (e.g. a deleted NAT gateway). */
    public record State(String routeTableId, String destinationCidr, String targetId, String state) {
    }

    private final Ec2Client ec2;

    public RouteKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RouteSpec> specType() {
        return RouteSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(RouteTableKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<RouteSpec> context) {
        List<LiveResource<State>> found = new ArrayList<>();
        for (LiveResource<?> table : context.found(RouteTableKind.NAME)) {
            RouteTableKind.State tableState = (RouteTableKind.State) table.state();
            for (RouteTableKind.RouteEntry route : tableState.routes()) {
                State state = new State(tableState.id(), route.destinationCidr(), route.targetId(), route.state());
                found.add(new LiveResource<>(NAME, RouteSpec.logicalIdFor(table.logicalId(), route.destinationCidr()),
                        cloudId(state), state, table.owned()));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(RouteSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableRef("routeTable", desired.routeTable(), live.routeTableId())
                .immutableField("destinationCidr", desired.destinationCidr(), live.destinationCidr())
                .ref("target", desired.target(), live.targetId())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, RouteSpec desired, Refs refs) {
        String tableId = refs.require(desired.routeTable());
        String targetId = refs.require(desired.target());
        try {
            CreateRouteRequest.Builder request = CreateRouteRequest.builder().routeTableId(tableId)
                    .destinationCidrBlock(desired.destinationCidr());
            ec2.createRoute(target(request, targetId).build());
        } catch (Ec2Exception e) {
            // there already (a retried call whose first attempt went through, or someone else's): point it right
            if (!AwsCalls.hasCode(e, "RouteAlreadyExists")) {
                throw e;
            }
            replace(tableId, desired.destinationCidr(), targetId);
        }
        return new State(tableId, desired.destinationCidr(), targetId, "active");
    }

    @Override
    public State update(String logicalId, RouteSpec desired, State live, List<FieldChange> changes, Refs refs) {
        String targetId = refs.require(desired.target());
        replace(live.routeTableId(), live.destinationCidr(), targetId);
        return new State(live.routeTableId(), live.destinationCidr(), targetId, "active");
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.deleteRoute(r -> r.routeTableId(live.routeTableId())
                .destinationCidrBlock(live.destinationCidr())), "InvalidRoute.NotFound", "InvalidRouteTableID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.routeTableId() + "/" + live.destinationCidr();
    }

    @Override
    public Set<String> references(State live) {
        Set<String> references = new HashSet<>();
        references.add(live.routeTableId());
        if (live.targetId() != null) {
            references.add(live.targetId());
        }
        return references;
    }

    private void replace(String tableId, String destination, String targetId) {
        ReplaceRouteRequest.Builder request = ReplaceRouteRequest.builder().routeTableId(tableId)
                .destinationCidrBlock(destination);
        if (targetId.startsWith("nat-")) {
            request.natGatewayId(targetId);
        } else if (targetId.startsWith("i-")) {
            request.instanceId(targetId);
        } else {
            request.gatewayId(targetId);
        }
        ec2.replaceRoute(request.build());
    }

    private static CreateRouteRequest.Builder target(CreateRouteRequest.Builder request, String targetId) {
        if (targetId.startsWith("nat-")) {
            return request.natGatewayId(targetId);
        }
        if (targetId.startsWith("i-")) {
            return request.instanceId(targetId);
        }
        return request.gatewayId(targetId);
    }
}
