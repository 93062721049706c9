package io.slipway.aws.route53;

import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Ref;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An alias A record to a load balancer, owned through an ownership TXT record of the same name
 * ({@link OwnershipRecord}). Find: one ListResourceRecordSets per desired record, starting at its name (records are
 * listed in name order), so the count is fixed whatever the zone holds; a teardown learns the names from its lookup
 * graph. A name that holds records without Slipway's TXT belongs to someone else: it is never touched, and creating
 * over it fails with InvalidChangeBatch (what Route53 itself answers to creating an existing record). Changes are
 * UPSERTs of the alias and the TXT in one batch (atomic: never an alias without its mark); a delete removes both in
 * one batch.
 */
public final class DnsRecordKind implements ResourceKind<DnsRecordSpec, DnsRecordKind.Live> {
    public static final String NAME = "DnsRecord";
    /** Output: the record's name without the final dot, what clients connect to. */
    public static final String HOST = "host";

    static final long TXT_TTL_SECONDS = 300;
    private static final String LIST_PAGE = "100";

    /**
     * What exists at the name: the alias A record (null fields when it is missing) and the TXT mark's value (null
     * when missing).
     */
    public record Live(String zoneId, String name, String aliasDnsName, String aliasZoneId,
                       Boolean evaluateTargetHealth, String ownershipTxt) {
        String cloudId() {
            return zoneId + "/" + name;
        }
    }

    private final Route53Client route53;

    public DnsRecordKind(Route53Client route53) {
        this.route53 = route53;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<DnsRecordSpec> specType() {
        return DnsRecordSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(HostedZoneKind.NAME);
    }

    @Override
    public List<LiveResource<Live>> find(FindContext<DnsRecordSpec> context) {
        List<LiveResource<Live>> found = new ArrayList<>();
        for (DesiredResource<DnsRecordSpec> desired : context.desired()) {
            Optional<String> zoneId = context.refs().value(desired.spec().zone());
            if (zoneId.isEmpty()) {
                continue;
            }
            AtName atName = list(zoneId.get(), desired.spec().name());
            if (atName.records().isEmpty()) {
                continue;
            }
            Optional<OwnershipRecord> mark = atName.mark();
            Live live = atName.live(zoneId.get(), desired.spec().name());
            if (mark.isPresent() && mark.get().ownedBy(context.owner())) {
                found.add(new LiveResource<>(NAME, mark.get().logicalId(), live.cloudId(), live, true));
            } else {
                // someone else's name: seen (so that nothing is ever created over it unnoticed), never owned
                found.add(new LiveResource<>(NAME, desired.logicalId(), live.cloudId(), live, false));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(DnsRecordSpec desired, Live live, Refs refs) {
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, "aliasDnsName", refs.value(desired.aliasDnsName()).map(DnsRecordKind::host), live.aliasDnsName());
        compare(changes, "aliasZoneId", refs.value(desired.aliasZoneId()), live.aliasZoneId());
        if (live.ownershipTxt() == null) {
            changes.add(new FieldChange("ownershipTxt", null, "(ownership record)", false));
        }
        return changes;
    }

    @Override
    public Live create(Owner owner, String logicalId, DnsRecordSpec desired, Refs refs) {
        String zoneId = refs.require(desired.zone());
        AtName atName = list(zoneId, desired.name());
        if (!atName.records().isEmpty() && atName.mark().filter(m -> m.ownedBy(owner)).isEmpty()) {
            throw foreign(desired.name(), zoneId, atName);
        }
        return upsert(zoneId, desired, OwnershipRecord.of(owner, logicalId), refs);
    }

    @Override
    public Live update(String logicalId, DnsRecordSpec desired, Live live, List<FieldChange> changes, Refs refs) {
        OwnershipRecord mark = OwnershipRecord.parse(live.ownershipTxt() == null ? "" : live.ownershipTxt())
                .orElseThrow(() -> new IllegalStateException(live.name() + " lost its ownership record"));
        return upsert(live.zoneId(), desired, mark, refs);
    }

    @Override
    public void delete(Live live) {
        AtName atName = list(live.zoneId(), live.name());
        List<Change> deletes = new ArrayList<>();
        for (ResourceRecordSet record : atName.records()) {
            boolean alias = record.type() == RRType.A && record.aliasTarget() != null;
            boolean mark = record.type() == RRType.TXT && atName.mark().isPresent();
            if (alias || mark) {
                deletes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(record).build());
            }
        }
        if (!deletes.isEmpty()) {
            route53.changeResourceRecordSets(r -> r.hostedZoneId(live.zoneId()).changeBatch(b -> b.changes(deletes)
                    .comment("Slipway: delete " + live.name())));
        }
    }

    @Override
    public String cloudId(Live live) {
        return live.cloudId();
    }

    @Override
    public Set<String> references(Live live) {
        return Set.of(live.zoneId());
    }

    @Override
    public Map<String, String> outputs(Live live) {
        return Map.of(HOST, host(live.name()));
    }

    private Live upsert(String zoneId, DnsRecordSpec desired, OwnershipRecord mark, Refs refs) {
        String target = refs.require(desired.aliasDnsName());
        String targetZone = refs.require(desired.aliasZoneId());
        ResourceRecordSet alias = ResourceRecordSet.builder().name(desired.name()).type(RRType.A)
                .aliasTarget(AliasTarget.builder().dnsName(target).hostedZoneId(targetZone).evaluateTargetHealth(false).build())
                .build();
        ResourceRecordSet txt = ResourceRecordSet.builder().name(desired.name()).type(RRType.TXT).ttl(TXT_TTL_SECONDS)
                .resourceRecords(ResourceRecord.builder().value(mark.value()).build()).build();
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b
                .comment("Slipway: " + mark.ownerId() + " " + mark.logicalId())
                .changes(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(txt).build(),
                        Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(alias).build())));
        return new Live(zoneId, desired.name(), host(target), targetZone, false, mark.value());
    }

    private AtName list(String zoneId, String name) {
        List<ResourceRecordSet> records = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .startRecordName(name).maxItems(LIST_PAGE)).resourceRecordSets().stream()
                .filter(record -> DnsRecordNames.fqdn(record.name()).equals(name)).toList();
        return new AtName(records);
    }

    private static InvalidChangeBatchException foreign(String name, String zoneId, AtName atName) {
        String message = "DNS name " + name + " in hosted zone " + zoneId + " already has records ("
                + String.join(", ", atName.records().stream().map(ResourceRecordSet::typeAsString).distinct().toList())
                + ") that are not Slipway's (no ownership TXT record " + OwnershipRecord.HERITAGE
                + " for this cluster); Slipway never changes them: delete them or set another spec.api.publicName";
        return (InvalidChangeBatchException) InvalidChangeBatchException.builder().message(message).statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidChangeBatch").errorMessage(message)
                        .serviceName("Route53").build())
                .build();
    }

    private static void compare(List<FieldChange> changes, String field, Optional<String> desired, String live) {
        String wanted = desired.orElse(FieldChange.KNOWN_AFTER_APPLY);
        if (!wanted.equals(live)) {
            changes.add(new FieldChange(field, live, wanted, false));
        }
    }

    /** A DNS name as compared and shown: lower case, no final dot. */
    static String host(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The records of one name. */
    private record AtName(List<ResourceRecordSet> records) {
        Optional<OwnershipRecord> mark() {
            return records.stream().filter(r -> r.type() == RRType.TXT)
                    .flatMap(r -> r.resourceRecords().stream())
                    .map(v -> OwnershipRecord.parse(v.value())).flatMap(Optional::stream).findFirst();
        }

        Live live(String zoneId, String name) {
            Optional<AliasTarget> alias = records.stream().filter(r -> r.type() == RRType.A && r.aliasTarget() != null)
                    .map(ResourceRecordSet::aliasTarget).findFirst();
            Optional<String> txt = records.stream().filter(r -> r.type() == RRType.TXT)
                    .flatMap(r -> r.resourceRecords().stream()).map(ResourceRecord::value)
                    .filter(v -> OwnershipRecord.parse(v).isPresent()).findFirst();
            return new Live(zoneId, name, alias.map(a -> host(a.dnsName())).orElse(null),
                    alias.map(AliasTarget::hostedZoneId).orElse(null),
                    alias.map(AliasTarget::evaluateTargetHealth).orElse(null), txt.orElse(null));
        }
    }
}
