/**
 * Semantic validation of Cluster and InstanceGroup specs, run by the reconcilers before any AWS call.
 *
 * <ul>
 *   <li>{@link io.slipway.validation.ClusterSpecValidator#validate} and
 *       {@link io.slipway.validation.InstanceGroupSpecValidator#validate}: the CRD schema (read from the API
 *       types' own annotations), every non-transition CEL rule with the same message, and what CEL cannot do.</li>
 *   <li>{@link io.slipway.validation.ImmutableFields#check}: the CEL transition rules, against the last applied spec.</li>
 *   <li>{@link io.slipway.validation.MalformedValues#reportFirst}: the values of the wrong JSON type, which the
 *       operator's client found and read as absent (see {@code io.slipway.controller.TolerantDeserialization}),
 *       reported before the other errors.</li>
 * </ul>
 * All are pure functions that return every error as a {@link io.slipway.validation.FieldError} with a field path
 * such as {@code spec.subnets[2].cidr} or {@code spec.cloudLabels[team]}; none throws on any input.
 */
package io.slipway.validation;
