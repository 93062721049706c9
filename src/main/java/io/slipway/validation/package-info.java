/**
 * Semantic validation of Cluster and InstanceGroup specs, run by the reconcilers before any AWS call.
 *
 * <ul>
 *   <li>{@link io.slipway.validation.ClusterSpecValidator#validate} and
 *       {@link io.slipway.validation.InstanceGroupSpecValidator#validate}: the CRD schema (read from the API
 *       types' own annotations), every non-transition CEL rule with the same message, and what CEL cannot do.</li>
 *   <li>{@link io.slipway.validation.ImmutableFields#check}: the CEL transition rules, against the last applied spec.</li>
 *   <li>{@link io.slipway.validation.RawSpecValidator}: the raw manifest's enum values, JSON types and unknown
 *       fields, which typed deserialisation rejects with an exception or silently coerces.</li>
 * </ul>
 * All are pure functions that return every error as a {@link io.slipway.validation.FieldError} with a field path
 * such as {@code spec.subnets[2].cidr} or {@code spec.cloudLabels[team]}; none throws on any input.
 */
package io.slipway.validation;
