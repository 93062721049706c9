package io.slipway.testing.charts;

import io.slipway.workload.addons.AddonChannel;

import java.util.Map;

/**
 * Small charts named like the upstream ones of Slipway's addon channel, with the values Slipway sets put where a
 * test can read them back: each has a ServiceAccount and a DaemonSet and/or Deployment; Cilium brings a CRD in its
 * crds/ folder, as charts do. Not copies of the upstream charts: just enough objects of the same kinds.
 */
public final class UpstreamLikeCharts {
    private UpstreamLikeCharts() {
    }

    /** A chart for each addon of the channel, at the version it pins (the channel names only these three). */
    public static TestChart[] forChannel(AddonChannel channel) {
        return channel.addons().stream().map(addon -> switch (addon.name()) {
            case "cilium" -> cilium(addon.version());
            case "aws-cloud-controller-manager" -> awsCloudControllerManager(addon.version());
            case "aws-ebs-csi-driver" -> awsEbsCsiDriver(addon.version());
            default -> throw new IllegalArgumentException("no upstream-like chart for addon " + addon.name());
        }).toArray(TestChart[]::new);
    }

    public static TestChart cilium(String version) {
        return new TestChart("cilium", version, """
                routingMode: native
                ipam:
                  mode: cluster-pool
                  operator:
                    clusterPoolIPv4PodCIDRList: ["10.0.0.0/8"]
                """,
                Map.of(
                        "serviceaccount.yaml", serviceAccount("cilium"),
                        "configmap.yaml", """
                                apiVersion: v1
                                kind: ConfigMap
                                metadata:
                                  name: cilium-config
                                  namespace: {{ .Release.Namespace }}
                                data:
                                  routing-mode: {{ .Values.routingMode | quote }}
                                  ipam: {{ .Values.ipam.mode | quote }}
                                  cluster-pool-ipv4-cidr: {{ index .Values.ipam.operator.clusterPoolIPv4PodCIDRList 0 | quote }}
                                """,
                        "daemonset.yaml", daemonSet("cilium", "quay.io/cilium/cilium:v{{ .Chart.Version }}", "cilium"),
                        "operator.yaml", deployment("cilium-operator", "quay.io/cilium/operator-generic:v{{ .Chart.Version }}",
                                "cilium")),
                Map.of("ciliumnodes.yaml", """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata:
                          name: ciliumnodes.cilium.io
                        spec:
                          group: cilium.io
                          scope: Cluster
                          names:
                            kind: CiliumNode
                            listKind: CiliumNodeList
                            plural: ciliumnodes
                            singular: ciliumnode
                          versions:
                            - name: v2
                              served: true
                              storage: true
                              schema:
                                openAPIV3Schema:
                                  type: object
                                  x-kubernetes-preserve-unknown-fields: true
                        """));
    }

    public static TestChart awsCloudControllerManager(String version) {
        return new TestChart("aws-cloud-controller-manager", version, """
                args:
                  - --v=2
                  - --cloud-provider=aws
                nodeSelector:
                  node-role.kubernetes.io/master: ""
                """,
                Map.of(
                        "serviceaccount.yaml", serviceAccount("cloud-controller-manager"),
                        "clusterrole.yaml", """
                                apiVersion: rbac.authorization.k8s.io/v1
                                kind: ClusterRole
                                metadata:
                                  name: system:cloud-controller-manager
                                rules:
                                  - apiGroups: [""]
                                    resources: [nodes]
                                    verbs: ["*"]
                                """,
                        "daemonset.yaml", """
                                apiVersion: apps/v1
                                kind: DaemonSet
                                metadata:
                                  name: aws-cloud-controller-manager
                                  namespace: {{ .Release.Namespace }}
                                spec:
                                  selector:
                                    matchLabels: {k8s-app: aws-cloud-controller-manager}
                                  template:
                                    metadata:
                                      labels: {k8s-app: aws-cloud-controller-manager}
                                    spec:
                                      serviceAccountName: cloud-controller-manager
                                      nodeSelector:
                                        {{- toYaml .Values.nodeSelector | nindent 8 }}
                                      containers:
                                        - name: aws-cloud-controller-manager
                                          image: registry.k8s.io/provider-aws/cloud-controller-manager:v{{ .Chart.Version }}
                                          args:
                                            {{- toYaml .Values.args | nindent 12 }}
                                """),
                Map.of());
    }

    public static TestChart awsEbsCsiDriver(String version) {
        return new TestChart("aws-ebs-csi-driver", version, """
                controller:
                  region: ""
                  k8sTagClusterId: ""
                """,
                Map.of(
                        "serviceaccount.yaml", serviceAccount("ebs-csi-controller-sa"),
                        "controller.yaml", """
                                apiVersion: apps/v1
                                kind: Deployment
                                metadata:
                                  name: ebs-csi-controller
                                  namespace: {{ .Release.Namespace }}
                                spec:
                                  replicas: 2
                                  selector:
                                    matchLabels: {app: ebs-csi-controller}
                                  template:
                                    metadata:
                                      labels: {app: ebs-csi-controller}
                                    spec:
                                      serviceAccountName: ebs-csi-controller-sa
                                      containers:
                                        - name: ebs-plugin
                                          image: public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v{{ .Chart.Version }}
                                          args:
                                            - --k8s-tag-cluster-id={{ .Values.controller.k8sTagClusterId }}
                                          env:
                                            - name: AWS_REGION
                                              value: {{ .Values.controller.region | quote }}
                                """,
                        "node.yaml", daemonSet("ebs-csi-node",
                                "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v{{ .Chart.Version }}",
                                "ebs-csi-controller-sa")),
                Map.of());
    }

    private static String serviceAccount(String name) {
        return """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: %s
                  namespace: {{ .Release.Namespace }}
                """.formatted(name);
    }

    private static String daemonSet(String name, String image, String serviceAccount) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %1$s
                  namespace: {{ .Release.Namespace }}
                spec:
                  selector:
                    matchLabels: {k8s-app: %1$s}
                  template:
                    metadata:
                      labels: {k8s-app: %1$s}
                    spec:
                      serviceAccountName: %3$s
                      containers:
                        - name: %1$s
                          image: %2$s
                """.formatted(name, image, serviceAccount);
    }

    private static String deployment(String name, String image, String serviceAccount) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: {{ .Release.Namespace }}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      serviceAccountName: %3$s
                      containers:
                        - name: %1$s
                          image: %2$s
                """.formatted(name, image, serviceAccount);
    }
}
