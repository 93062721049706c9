/**
 * Converts kops manifests ({@code kops get cluster -o yaml}, {@code kops get ig -o yaml}, API
 * {@code kops.k8s.io/v1alpha2}) into Slipway Cluster and InstanceGroup manifests, saying what does not carry over.
 * <p>
 * Pure: no Kubernetes API, no AWS, no operator. {@link io.slipway.kops.KopsImport} reads, converts and runs the
 * operator's own validators; {@link io.slipway.kops.KopsImportCommand} is the command line around it
 * ({@code hack/kops-import}). Uses only {@code io.slipway.api} and {@code io.slipway.validation}.
 */
package io.slipway.kops;
