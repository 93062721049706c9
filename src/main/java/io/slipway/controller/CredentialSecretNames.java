package io.slipway.controller;

/** Names of the Secrets that hold a cluster's credentials, in the Cluster's namespace. */
public final class CredentialSecretNames {
    private CredentialSecretNames() {
    }

    public static String clusterCa(String cluster) {
        return cluster + "-ca";
    }

    public static String etcdCa(String cluster) {
        return cluster + "-etcd-ca";
    }

    public static String frontProxyCa(String cluster) {
        return cluster + "-front-proxy-ca";
    }

    public static String serviceAccountKey(String cluster) {
        return cluster + "-sa";
    }

    /** The Secrets that hold the cluster's keys (CAs, service-account key, admin client key). */
    public static java.util.List<String> holdingKeys(String cluster) {
        return java.util.List.of(clusterCa(cluster), etcdCa(cluster), frontProxyCa(cluster), serviceAccountKey(cluster),
                adminClientCertificate(cluster));
    }

    public static String bootstrapToken(String cluster) {
        return cluster + "-bootstrap-token";
    }

    public static String adminClientCertificate(String cluster) {
        return cluster + "-admin";
    }

    /** As Cluster API names it, so tools that read {@code <cluster>-kubeconfig} find it. */
    public static String kubeconfig(String cluster) {
        return cluster + "-kubeconfig";
    }
}
