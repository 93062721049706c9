package io.slipway.aws.route53;

import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An existing hosted zone the cluster's records go into: only ever SHARED (Slipway never creates, changes or
 * deletes a zone). One call per desired zone: ListHostedZonesByName for a name, GetHostedZone for an id. A missing
 * zone is not found, which the planner reports ("shared resource not found").
 */
public final class HostedZoneKind implements ResourceKind<HostedZoneSpec, HostedZoneKind.Live> {
    public static final String NAME = "HostedZone";

    public record Live(String id, String dnsName, boolean privateZone) {
    }

    private final Route53Client route53;

    public HostedZoneKind(Route53Client route53) {
        this.route53 = route53;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<HostedZoneSpec> specType() {
        return HostedZoneSpec.class;
    }

    @Override
    public List<LiveResource<Live>> find(FindContext<HostedZoneSpec> context) {
        List<LiveResource<Live>> found = new ArrayList<>();
        for (DesiredResource<HostedZoneSpec> desired : context.desired()) {
            if (desired.lifecycle() != Lifecycle.SHARED) {
                throw new IllegalArgumentException(desired.logicalId() + ": hosted zones are only ever shared");
            }
            lookUp(desired.spec()).ifPresent(zone -> found.add(new LiveResource<>(NAME, desired.logicalId(),
                    zone.id(), zone, false)));
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(HostedZoneSpec desired, Live live, Refs refs) {
        return List.of();
    }

    @Override
    public Live create(Owner owner, String logicalId, HostedZoneSpec desired, Refs refs) {
        throw new UnsupportedOperationException("Slipway never creates a hosted zone");
    }

    @Override
    public Live update(String logicalId, HostedZoneSpec desired, Live live, List<FieldChange> changes, Refs refs) {
        throw new UnsupportedOperationException("Slipway never changes a hosted zone");
    }

    @Override
    public void delete(Live live) {
        throw new UnsupportedOperationException("Slipway never deletes a hosted zone");
    }

    @Override
    public String cloudId(Live live) {
        return live.id();
    }

    @Override
    public Map<String, String> outputs(Live live) {
        return Map.of("dnsName", live.dnsName(), "private", Boolean.toString(live.privateZone()));
    }

    private Optional<Live> lookUp(HostedZoneSpec spec) {
        if (spec.id() != null) {
            try {
                return Optional.of(live(route53.getHostedZone(r -> r.id(spec.id())).hostedZone()));
            } catch (NoSuchHostedZoneException e) {
                return Optional.empty();
            }
        }
        // zones are listed in name order from dnsName on; a name has at most a few (public, private per VPC)
        return route53.listHostedZonesByName(r -> r.dnsName(spec.dnsName()).maxItems("10")).hostedZones().stream()
                .map(HostedZoneKind::live)
                .filter(zone -> zone.dnsName().equals(spec.dnsName()))
                .filter(zone -> spec.privateZone() == null || zone.privateZone() == spec.privateZone())
                .min(Comparator.comparing(Live::id));
    }

    private static Live live(HostedZone zone) {
        return new Live(DnsRecordNames.zoneId(zone.id()), DnsRecordNames.fqdn(zone.name()),
                zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone()));
    }
}
