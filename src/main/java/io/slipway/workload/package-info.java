/**
 * The workload cluster seen from the operator: a client built from the cluster's admin kubeconfig Secret
 * ({@link io.slipway.workload.WorkloadConnector}), its Nodes matched to EC2 instances by providerID
 * ({@link io.slipway.workload.NodeIndex}, {@link io.slipway.workload.WorkloadNodes}), and validation as
 * {@code kops validate cluster} does it ({@link io.slipway.workload.ClusterValidator}); draining a node ({@code drain.NodeDrainer}) and removing a
 * control-plane node's etcd member ({@code etcd.EtcdMemberRemoval}) before its instance goes. Uses {@code api} only.
 */
package io.slipway.workload;
