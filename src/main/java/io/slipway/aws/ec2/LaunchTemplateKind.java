package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.aws.TagMaps;
import io.slipway.aws.elb.NamedCreate;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Outputs;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDeviceRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An instance group's launch template. Found with one DescribeLaunchTemplates (by the cluster's tag) per page. A
 * version is never modified: a new {@link LaunchTemplateSpec#configHash()} makes a new version (its description
 * is the hash), made the default so that the auto scaling group, which launches {@code $Default}, follows it. The
 * template's own tags remember the hash and the version that carries it, so a default version changed in the
 * console is seen without reading versions, and put back (or, when that version is gone, made again).
 */
public final class LaunchTemplateKind implements ResourceKind<LaunchTemplateSpec, LaunchTemplateKind.Live> {
    public static final String NAME = "LaunchTemplate";
    /** Tag (on the template and, through the auto scaling group, on instances): the configuration hash. */
    public static final String CONFIG_HASH_TAG = "slipway.io/config-hash";
    /** Tag on the template: the version that carries {@link #CONFIG_HASH_TAG}. */
    public static final String CONFIG_VERSION_TAG = "slipway.io/config-version";
    /** Output: the default version number. */
    public static final String VERSION = "version";
    /** Output: the configuration hash the default version carries. */
    public static final String CONFIG_HASH = "configHash";

    public record Live(String id, String name, long defaultVersion, long latestVersion, Map<String, String> tags)
            implements Outputs {
        /** The version our tags say carries the current configuration; 0 when the tag is missing. */
        public long configVersion() {
            try {
                return Long.parseLong(tags.getOrDefault(CONFIG_VERSION_TAG, "0"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        public String configHash() {
            return tags.get(CONFIG_HASH_TAG);
        }

        @Override
        public Map<String, String> outputs() {
            Map<String, String> outputs = new TreeMap<>();
            outputs.put(VERSION, Long.toString(defaultVersion));
            if (configHash() != null) {
                outputs.put(CONFIG_HASH, configHash());
            }
            return outputs;
        }
    }

    private final Ec2Client ec2;

    public LaunchTemplateKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every launch template of one cluster, as one describe by the cluster's tag saw them. */
    record ClusterTemplates(List<LaunchTemplate> templates) {
        ClusterTemplates {
            templates = List.copyOf(templates);
        }
    }

    @Override
    public Class<LaunchTemplateSpec> specType() {
        return LaunchTemplateSpec.class;
    }

    @Override
    public List<LiveResource<Live>> find(FindContext<LaunchTemplateSpec> context) {
        // one describe of the whole cluster's templates serves the plans of all its instance groups
        List<LaunchTemplate> templates = context.sharedAcrossPlans("ec2:DescribeLaunchTemplates:" + context.owner().id(),
                ClusterTemplates.class, () -> new ClusterTemplates(describe(Ec2Tags.ownerFilter(context.owner())))).templates();
        return Ec2Tags.owned(NAME, context.owner(), templates,
                LaunchTemplate::launchTemplateId, LaunchTemplate::tags, LaunchTemplateKind::live);
    }

    @Override
    public List<FieldChange> diff(LaunchTemplateSpec desired, Live live, Refs refs) {
        Map<String, String> userTags = new TreeMap<>(desired.tags());
        return new Diff(refs)
                .immutableField("name", desired.name(), live.name())
                .field("configHash", desired.configHash(), live.configHash())
                // someone made another version the default: ours is put back
                .field("defaultVersion", live.configVersion(), live.defaultVersion())
                .tags(userTags, live.tags())
                .changes();
    }

    @Override
    public Live create(Owner owner, String logicalId, LaunchTemplateSpec desired, Refs refs) {
        RequestLaunchTemplateData data = data(desired, refs);
        Map<String, String> tags = new TreeMap<>(desired.tags());
        tags.put(CONFIG_HASH_TAG, desired.configHash());
        tags.put(CONFIG_VERSION_TAG, "1");
        LaunchTemplate created = NamedCreate.run(
                () -> ec2.createLaunchTemplate(r -> r.launchTemplateName(desired.name())
                        .versionDescription(desired.configHash()).launchTemplateData(data)
                        .tagSpecifications(Ec2Tags.specification(ResourceType.LAUNCH_TEMPLATE, tags, owner, logicalId))
                        .overrideConfiguration(NamedCreate.NO_SDK_RETRY)).launchTemplate(),
                () -> describe(Ec2Tags.filter("launch-template-name", desired.name())).stream()
                        .filter(t -> OwnershipTags.ownedLogicalId(Ec2Tags.toMap(t.tags()), owner).filter(logicalId::equals).isPresent())
                        .findFirst(),
                "InvalidLaunchTemplateName.AlreadyExistsException");
        return new Live(created.launchTemplateId(), desired.name(), created.defaultVersionNumber(),
                created.latestVersionNumber(), Ec2Tags.withOwnership(tags, owner, logicalId));
    }

    @Override
    public Live update(String logicalId, LaunchTemplateSpec desired, Live live, List<FieldChange> changes, Refs refs) {
        boolean newVersion = changes.stream().anyMatch(c -> c.field().equals("configHash"));
        boolean defaultMoved = changes.stream().anyMatch(c -> c.field().equals("defaultVersion"));
        Live updated = live;
        if (!newVersion && defaultMoved) {
            Optional<Live> putBack = live.configVersion() > 0 ? makeDefault(live, live.configVersion()) : Optional.empty();
            newVersion = putBack.isEmpty(); // our version is gone: make it again
            updated = putBack.orElse(live);
        }
        Map<String, String> missing = new TreeMap<>(TagMaps.missing(changes));
        if (newVersion) {
            long version = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(live.id())
                    .versionDescription(desired.configHash()).launchTemplateData(data(desired, refs)))
                    .launchTemplateVersion().versionNumber();
            updated = makeDefault(live, version).orElseThrow(() -> new IllegalStateException(
                    "launch template " + live.id() + " version " + version + " vanished right after it was made"));
            missing.put(CONFIG_HASH_TAG, desired.configHash());
            missing.put(CONFIG_VERSION_TAG, Long.toString(version));
        }
        if (!missing.isEmpty()) {
            ec2.createTags(r -> r.resources(live.id()).tags(Ec2Tags.toSdk(missing)));
        }
        return new Live(updated.id(), updated.name(), updated.defaultVersion(), Math.max(updated.latestVersion(),
                updated.defaultVersion()), TagMaps.withAdded(live.tags(), missing));
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> ec2.deleteLaunchTemplate(r -> r.launchTemplateId(live.id())),
                "InvalidLaunchTemplateId.NotFound", "InvalidLaunchTemplateName.NotFoundException");
    }

    @Override
    public String cloudId(Live live) {
        return live.id();
    }

    /** Empty when the version does not exist (any more). */
    private Optional<Live> makeDefault(Live live, long version) {
        try {
            LaunchTemplate modified = ec2.modifyLaunchTemplate(r -> r.launchTemplateId(live.id())
                    .defaultVersion(Long.toString(version))).launchTemplate();
            return Optional.of(new Live(live.id(), live.name(), version, Math.max(version,
                    modified.latestVersionNumber() == null ? version : modified.latestVersionNumber()), live.tags()));
        } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
            if (AwsCalls.hasCode(e, "InvalidLaunchTemplateId.VersionNotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static RequestLaunchTemplateData data(LaunchTemplateSpec desired, Refs refs) {
        LaunchTemplateSpec.RootVolume volume = desired.rootVolume();
        LaunchTemplateEbsBlockDeviceRequest.Builder ebs = LaunchTemplateEbsBlockDeviceRequest.builder()
                .volumeSize(volume.size()).volumeType(volume.type()).iops(volume.iops()).throughput(volume.throughput())
                .encrypted(volume.encrypted()).kmsKeyId(volume.kmsKeyId()).deleteOnTermination(true);
        RequestLaunchTemplateData.Builder data = RequestLaunchTemplateData.builder()
                .imageId(desired.imageId())
                .instanceType(desired.instanceType())
                .iamInstanceProfile(p -> p.arn(refs.require(desired.instanceProfile())))
                .securityGroupIds(desired.securityGroups().stream().map(refs::require).toList())
                .metadataOptions(m -> m.httpTokens(desired.httpTokens()).httpPutResponseHopLimit(desired.hopLimit())
                        .httpEndpoint("enabled"))
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingRequest.builder()
                        .deviceName(desired.rootDeviceName()).ebs(ebs.build()).build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.INSTANCE)
                                .tags(Ec2Tags.toSdk(desired.instanceTags())).build(),
                        LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.VOLUME)
                                .tags(Ec2Tags.toSdk(desired.instanceTags())).build());
        if (!desired.userData().isEmpty()) {
            data.userData(Base64.getEncoder().encodeToString(desired.userData().getBytes(StandardCharsets.UTF_8)));
        }
        if (desired.spotMaxPrice() != null) {
            data.instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s.maxPrice(desired.spotMaxPrice())));
        }
        return data.build();
    }

    private static Live live(LaunchTemplate template) {
        return new Live(template.launchTemplateId(), template.launchTemplateName(),
                template.defaultVersionNumber() == null ? 1 : template.defaultVersionNumber(),
                template.latestVersionNumber() == null ? 1 : template.latestVersionNumber(), Ec2Tags.toMap(template.tags()));
    }

    private List<LaunchTemplate> describe(Filter... filters) {
        return ec2.describeLaunchTemplatesPaginator(r -> r.filters(filters)).launchTemplates().stream().toList();
    }
}
