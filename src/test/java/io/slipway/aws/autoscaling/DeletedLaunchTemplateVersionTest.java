package io.slipway.aws.autoscaling;

import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.ec2.LaunchTemplateKind;
import io.slipway.cloud.Change;
import io.slipway.cloud.Plan;
import io.slipway.model.InstanceGroupIds;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launch template version that carries a group's configuration, deleted in the console (after another version
 * was made the default, as AWS requires), is made again as a new default version; the version numbers are AWS's
 * (hack/moto-server.py makes moto delete versions as AWS does).
 */
class DeletedLaunchTemplateVersionTest extends OnConvergedCluster {
    @Test
    void aDeletedVersionOfOursIsMadeAgainAndMadeTheDefault() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 1, 3);
        engine.apply(engine.plan(aws.graph(nodes)));
        nodes.getSpec().machineType = "m6i.large";
        assertThat(engine.apply(engine.plan(aws.graph(nodes))).isComplete()).isTrue();
        String templateId = template().launchTemplateId();
        String hash = tag(LaunchTemplateKind.CONFIG_HASH_TAG);
        assertThat(tag(LaunchTemplateKind.CONFIG_VERSION_TAG)).isEqualTo("2");

        // in the console: the default back to version 1, then version 2 deleted
        inventory.ec2.modifyLaunchTemplate(r -> r.launchTemplateId(templateId).defaultVersion("1"));
        DeleteLaunchTemplateVersionsResponse deleted = inventory.ec2.deleteLaunchTemplateVersions(r -> r
                .launchTemplateId(templateId).versions("2", "1"));
        assertThat(deleted.successfullyDeletedLaunchTemplateVersions()).singleElement()
                .satisfies(v -> assertThat(v.versionNumber()).isEqualTo(2L));
        assertThat(deleted.unsuccessfullyDeletedLaunchTemplateVersions()).as("AWS never deletes the default version")
                .singleElement().satisfies(v -> assertThat(v.versionNumber()).isEqualTo(1L));

        Plan plan = engine.plan(aws.graph(nodes));
        assertThat(plan.pending()).extracting(Change::logicalId).containsExactly(InstanceGroupIds.LAUNCH_TEMPLATE);
        assertThat(engine.apply(plan).isComplete()).isTrue();

        LaunchTemplateVersion current = inventory.ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId)
                .versions("$Default")).launchTemplateVersions().get(0);
        assertThat(current.versionNumber()).as("AWS never reuses a version number").isEqualTo(3L);
        assertThat(current.launchTemplateData().instanceTypeAsString()).isEqualTo("m6i.large");
        assertThat(current.versionDescription()).isEqualTo(hash);
        assertThat(tag(LaunchTemplateKind.CONFIG_VERSION_TAG)).isEqualTo("3");
        assertThat(tag(LaunchTemplateKind.CONFIG_HASH_TAG)).as("the same configuration").isEqualTo(hash);
        assertThat(versions()).containsExactlyInAnyOrderEntriesOf(Map.of(1L, "t3.medium", 3L, "m6i.large"));
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();
    }

    private LaunchTemplate template() {
        return inventory.ec2.describeLaunchTemplates().launchTemplates().get(0);
    }

    private String tag(String key) {
        return template().tags().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow().value();
    }

    private Map<Long, String> versions() {
        return inventory.ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(template().launchTemplateId()))
                .launchTemplateVersions().stream()
                .collect(Collectors.toMap(LaunchTemplateVersion::versionNumber, v -> v.launchTemplateData().instanceTypeAsString()));
    }
}
