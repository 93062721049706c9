package io.slipway.aws.ccm;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.FindContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;

import java.util.List;
import java.util.Set;

/**
 * An EBS volume the EBS CSI driver made for a PersistentVolume ({@code kubernetes.io/cluster/<name>=owned}, with
 * {@code CSIVolumeName}). Found with one paged DescribeVolumes filtered by the cluster tag. A volume still attached
 * to an instance cannot be deleted (VolumeInUse, retried): the teardown goes on once the instance groups' instances
 * are gone.
 */
public final class CsiVolumeKind extends LeftoverKind<CsiVolumeKind.Live> {
    public static final String NAME = "CsiVolume";
    private static final Set<VolumeState> GOING = Set.of(VolumeState.DELETING, VolumeState.DELETED);

    public record Live(String volumeId, String state) {
    }

    private final Ec2Client ec2;

    public CsiVolumeKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    List<Live> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context) {
        return ec2.describeVolumesPaginator(r -> r.filters(ClusterTagFilter.owned(clusterTagKey))).volumes().stream()
                .filter(v -> !GOING.contains(v.state()))
                .filter(v -> ClusterTagFilter.madeForClusterByOthers(v.tags(), clusterTagKey))
                .map(CsiVolumeKind::live).toList();
    }

    private static Live live(Volume volume) {
        return new Live(volume.volumeId(), volume.stateAsString());
    }

    @Override
    String logicalId(Live live) {
        return "csi/volume/" + live.volumeId();
    }

    @Override
    public String cloudId(Live live) {
        return live.volumeId();
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> ec2.deleteVolume(r -> r.volumeId(live.volumeId())), "InvalidVolume.NotFound");
    }
}
