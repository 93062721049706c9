package io.slipway.workload.addons;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One addon of the channel: an upstream Helm chart at a pinned version, installed into {@code namespace} with
 * {@code values} (still holding the per-cluster placeholders, see {@link ClusterValues}).
 *
 * @param cni the {@code spec.networking} provider this addon is the CNI for (e.g. {@code cilium}), or null for an
 *            addon every cluster gets
 */
public record ChannelAddon(String name, String cni, String repository, String chart, String version, String namespace,
                           JsonNode values) {

    public Optional<String> cniProvider() {
        return Optional.ofNullable(cni);
    }

    /** The chart as status shows it: the upstream repository URL and the chart name, e.g. https://helm.cilium.io/cilium. */
    public String chartReference() {
        return (repository.endsWith("/") ? repository : repository + "/") + chart;
    }
}
