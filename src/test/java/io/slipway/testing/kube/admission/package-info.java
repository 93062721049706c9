/**
 * Admission of custom resources in the test Kubernetes API, as a real API server does it for a CRD:
 * {@link io.slipway.testing.kube.admission.CustomResourceAdmission} takes the object a create, update, patch or
 * status write would store and runs, in the API server's order, {@link io.slipway.testing.kube.admission.SchemaPruning}
 * (unknown fields, non-nullable nulls), {@link io.slipway.testing.kube.admission.SchemaDefaulting},
 * {@link io.slipway.testing.kube.admission.SchemaValidation} (the OpenAPI checks, with ratcheting on update) and
 * {@link io.slipway.testing.kube.admission.CelValidation} ({@code x-kubernetes-validations} with cel-java). Errors are
 * {@link io.slipway.testing.kube.admission.FieldError}s printed as Go's {@code field.Error}; a refusal is an
 * {@link io.slipway.testing.kube.admission.AdmissionException} carrying the {@code Status} to answer.
 * <p>
 * Known differences from kube-apiserver 1.32: structured bad values print as JSON (Go prints {@code %#v});
 * Kubernetes' CEL libraries (lists, regex, url, quantity, ip, cidr, semver, format) and CEL cost limits are absent;
 * regular expressions are Java's, not RE2; object metadata (names, labels) is not validated; no admission webhooks.
 */
package io.slipway.testing.kube.admission;
