/**
 * What the AWS cloud-controller-manager and the EBS CSI driver make for a cluster's Services and volumes, tagged
 * {@code kubernetes.io/cluster/<name>=owned}: load balancers, their target groups and security groups, the rules
 * that let those groups reach the nodes, and volumes. Slipway never makes these; it deletes them when the Cluster is
 * deleted, as {@code kops delete cluster} does. The kinds here are delete-only and find only for a whole-cluster
 * owner ({@link io.slipway.cloud.Owner#isEveryScope()}) whose lookup graph names the cluster tag key
 * ({@link io.slipway.aws.ccm.LeftoverSpec#sweep}), so a living cluster's plans never see them.
 */
package io.slipway.aws.ccm;
