package io.slipway.kops;

import java.util.Locale;

/**
 * The Slipway Cluster name, dnsZone and api.publicName that a kops cluster implies. kops names a cluster by an
 * FQDN (mycluster.example.com); its API name defaults to api.&lt;FQDN&gt;; a name ending in .k8s.local (gossip) or
 * {@code topology.dns.type: None} means no DNS; a missing dnsZone is found by kops as the hosted zone of the FQDN.
 */
final class KopsClusterNames {
    static final String GOSSIP_SUFFIX = ".k8s.local";
    private static final int MAX_LABEL = 63;

    private KopsClusterNames() {
    }

    /** Whether kops runs this cluster without DNS. */
    static boolean dnsLess(String fqdn, String dnsType) {
        return fqdn.endsWith(GOSSIP_SUFFIX) || "None".equals(dnsType);
    }

    /** kops' dnsZone may be a Route53 hosted zone id (Z1234ABCD) instead of a domain. */
    static boolean isZoneId(String dnsZone) {
        return dnsZone.matches("^(/hostedzone/)?Z[0-9A-Z]{4,}$");
    }

    /** The zone kops would use when dnsZone is not a domain: the FQDN without its first label; null when it has none. */
    static String zoneOf(String fqdn) {
        int dot = fqdn.indexOf('.');
        return dot < 0 || dot == fqdn.length() - 1 ? null : fqdn.substring(dot + 1);
    }

    /**
     * The default Slipway name: the part of the FQDN in front of the zone (so that api.&lt;name&gt;.&lt;zone&gt; is kops'
     * api.&lt;FQDN&gt;), in front of .k8s.local for gossip, else the whole FQDN; dots become dashes, as a DNS label.
     */
    static String defaultName(String fqdn, String zone) {
        String stem = fqdn;
        if (zone != null && fqdn.endsWith("." + zone)) {
            stem = fqdn.substring(0, fqdn.length() - zone.length() - 1);
        } else if (fqdn.endsWith(GOSSIP_SUFFIX)) {
            stem = fqdn.substring(0, fqdn.length() - GOSSIP_SUFFIX.length());
        }
        return dnsLabel(stem);
    }

    /** Lowercase; characters outside a-z, 0-9 and '-' become '-'; no leading or trailing '-'; at most 63 characters. */
    static String dnsLabel(String text) {
        String label = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
        label = label.replaceAll("^-+", "");
        if (label.length() > MAX_LABEL) {
            label = label.substring(0, MAX_LABEL);
        }
        return label.replaceAll("-+$", "");
    }

    /** The API's DNS name kops uses: masterPublicName, else api.&lt;FQDN&gt;. */
    static String kopsApiName(String fqdn, String masterPublicName) {
        return masterPublicName != null ? masterPublicName : "api." + fqdn;
    }

    /** Slipway's default API name, api.&lt;name&gt;.&lt;zone&gt;. */
    static String slipwayApiName(String name, String zone) {
        return "api." + name + "." + zone;
    }
}
