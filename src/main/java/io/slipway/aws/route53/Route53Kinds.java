package io.slipway.aws.route53;

import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.route53.Route53Client;

import java.util.List;

/** The Route53 kinds, in find order (records are found in the zones found). */
public final class Route53Kinds {
    private Route53Kinds() {
    }

    public static List<ResourceKind<?, ?>> list(Route53Client route53) {
        return List.of(new HostedZoneKind(route53), new DnsRecordKind(route53));
    }
}
