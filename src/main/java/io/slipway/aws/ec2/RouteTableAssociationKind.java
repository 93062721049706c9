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
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subnet's association with an owned route table: AssociateRouteTable / ReplaceRouteTableAssociation /
 * DisassociateRouteTable. Read from the route tables' describe.
 */
public final class RouteTableAssociationKind
        implements ResourceKind<RouteTableAssociationSpec, RouteTableAssociationKind.State> {
    public static final String NAME = "RouteTableAssociation";

    public record State(String associationId, String routeTableId, String subnetId) {
    }

    private final Ec2Client ec2;
    private final RouteTableKind routeTables;

    public RouteTableAssociationKind(Ec2Client ec2) {
        this.ec2 = ec2;
        this.routeTables = new RouteTableKind(ec2);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RouteTableAssociationSpec> specType() {
        return RouteTableAssociationSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(RouteTableKind.NAME, SubnetKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<RouteTableAssociationSpec> context) {
        Map<String, String> subnetLogicalIds = new HashMap<>();
        for (LiveResource<?> subnet : context.found(SubnetKind.NAME)) {
            subnetLogicalIds.put(subnet.cloudId(), subnet.logicalId());
        }
        List<LiveResource<State>> found = new ArrayList<>();
        for (LiveResource<?> table : context.found(RouteTableKind.NAME)) {
            RouteTableKind.State tableState = (RouteTableKind.State) table.state();
            for (RouteTableKind.AssociationEntry association : tableState.associations()) {
                State state = new State(association.associationId(), tableState.id(), association.subnetId());
                String subnet = subnetLogicalIds.getOrDefault(association.subnetId(), association.subnetId());
                found.add(new LiveResource<>(NAME, RouteTableAssociationSpec.logicalIdFor(subnet),
                        association.associationId(), state, table.owned()));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(RouteTableAssociationSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableRef("subnet", desired.subnet(), live.subnetId())
                .ref("routeTable", desired.routeTable(), live.routeTableId())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, RouteTableAssociationSpec desired, Refs refs) {
        String tableId = refs.require(desired.routeTable());
        String subnetId = refs.require(desired.subnet());
        try {
            String associationId = ec2.associateRouteTable(r -> r.routeTableId(tableId).subnetId(subnetId)).associationId();
            return new State(associationId, tableId, subnetId);
        } catch (Ec2Exception e) {
            if (!AwsCalls.hasCode(e, "Resource.AlreadyAssociated")) {
                throw e;
            }
        }
        // associated already: by a retried call whose first attempt went through, or with another table
        Optional<RouteTable> current = routeTables.tableOfSubnet(subnetId);
        RouteTableAssociation association = current.flatMap(t -> t.associations().stream()
                        .filter(a -> subnetId.equals(a.subnetId())).findFirst())
                .orElseThrow(() -> new IllegalStateException("subnet " + subnetId + " is associated, but with no table"));
        State state = new State(association.routeTableAssociationId(), association.routeTableId(), subnetId);
        return tableId.equals(state.routeTableId()) ? state : replace(state, tableId);
    }

    @Override
    public State update(String logicalId, RouteTableAssociationSpec desired, State live, List<FieldChange> changes,
                        Refs refs) {
        return replace(live, refs.require(desired.routeTable()));
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.disassociateRouteTable(r -> r.associationId(live.associationId())),
                "InvalidAssociationID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.associationId();
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.routeTableId(), live.subnetId());
    }

    private State replace(State live, String tableId) {
        String associationId = ec2.replaceRouteTableAssociation(r -> r.associationId(live.associationId())
                .routeTableId(tableId)).newAssociationId();
        return new State(associationId, tableId, live.subnetId());
    }
}
