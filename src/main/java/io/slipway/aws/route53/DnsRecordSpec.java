package io.slipway.aws.route53;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;

/**
 * An alias A record {@code name} in {@code zone} pointing at a load balancer ({@code aliasDnsName} and
 * {@code aliasZoneId}, references to its outputs), with the ownership TXT record of the same name beside it.
 */
public record DnsRecordSpec(Ref zone, String name, Ref aliasDnsName, Ref aliasZoneId) implements ResourceSpec {
    public DnsRecordSpec {
        name = DnsRecordNames.fqdn(name);
    }

    @Override
    public String kind() {
        return DnsRecordKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(zone, aliasDnsName, aliasZoneId);
    }
}
