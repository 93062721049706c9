package io.slipway.workload.addons;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.slipway.api.Cluster;
import io.slipway.api.NetworkingSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the channel's addons to a workload cluster: for each addon the cluster gets (its CNI, the AWS
 * cloud-controller-manager, the EBS CSI driver), fetch the chart at the pinned version, render it with the cluster's
 * values and apply the objects server-side, removing what an older version had. One addon's failure is reported in
 * its result; the others are still applied. Meant to be called on every reconcile once the workload API answers.
 */
public class AddonInstaller {
    private final AddonChannel channel;
    private final ChartFetcher fetcher;
    private final ChartRenderer renderer;
    private final AddonApplier applier = new AddonApplier();

    public AddonInstaller(AddonSettings settings) {
        this(AddonChannel.load(), settings);
    }

    public AddonInstaller(AddonChannel channel, AddonSettings settings) {
        this(channel, new ChartFetcher(settings.cacheDir().resolve("charts"), settings.repositoryOverride()),
                new ChartRenderer(settings.cacheDir().resolve("values")));
    }

    AddonInstaller(AddonChannel channel, ChartFetcher fetcher, ChartRenderer renderer) {
        this.channel = channel;
        this.fetcher = fetcher;
        this.renderer = renderer;
    }

    public AddonsResult apply(KubernetesClient workloadClient, Cluster cluster) {
        NetworkingSpec.Cni cni = cluster.getSpec().networking == null
                ? NetworkingSpec.Cni.CILIUM : cluster.getSpec().networking.selected();
        List<AddonResult> results = new ArrayList<>();
        if (!channel.hasCni(cni)) {
            String provider = AddonChannel.providerName(cni);
            results.add(new AddonResult(provider, "", "", false, "Slipway's addon channel has no chart for "
                    + "spec.networking." + provider + " yet: use cilium, or cni {} and install your own"));
        }
        ClusterValues values = ClusterValues.of(cluster);
        for (ChannelAddon addon : channel.forCni(cni)) {
            results.add(applyOne(workloadClient, cluster, addon, values));
        }
        return new AddonsResult(results);
    }

    private AddonResult applyOne(KubernetesClient client, Cluster cluster, ChannelAddon addon, ClusterValues values) {
        try {
            Path chart = fetcher.fetch(addon);
            List<GenericKubernetesResource> objects = renderer.render(chart, addon.name(), addon.namespace(),
                    cluster.getSpec().kubernetesVersion, values.render(addon.values()));
            return applier.apply(client, addon, objects);
        } catch (ChartFetchException | ChartRenderException e) {
            return AddonResult.failed(addon, e.getMessage());
        } catch (KubernetesClientException e) {
            return AddonResult.failed(addon, "the workload cluster's API refused or did not answer: HTTP " + e.getCode()
                    + " " + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage()));
        } catch (RuntimeException e) {
            return AddonResult.failed(addon, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
