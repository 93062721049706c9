package io.slipway.aws.route53;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;

/**
 * An existing Route53 hosted zone, named by its id ({@code Z...}) or its DNS name. When a name has a public and a
 * private zone, {@code privateZone} picks one (null: the only one).
 */
public record HostedZoneSpec(String id, String dnsName, Boolean privateZone) implements ResourceSpec {
    public HostedZoneSpec {
        if ((id == null) == (dnsName == null)) {
            throw new IllegalArgumentException("a hosted zone is named by its id or by its DNS name");
        }
        dnsName = dnsName == null ? null : DnsRecordNames.fqdn(dnsName);
    }

    public static HostedZoneSpec byId(String id) {
        return new HostedZoneSpec(id, null, null);
    }

    public static HostedZoneSpec byName(String dnsName, Boolean privateZone) {
        return new HostedZoneSpec(null, dnsName, privateZone);
    }

    @Override
    public String kind() {
        return HostedZoneKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of();
    }
}
