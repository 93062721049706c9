{{/* Chart name, at most 63 characters. */}}
{{- define "slipway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "slipway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "slipway.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "slipway.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "slipway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "slipway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "slipway.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "slipway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: slipway
{{- end }}

{{- define "slipway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "slipway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The rules the operator needs wherever it watches Clusters and InstanceGroups. No wildcards. */}}
{{- define "slipway.watchRules" -}}
# the primary resources: informers (list/watch), finalizers and metadata updates (patch/update)
- apiGroups: ["slipway.io"]
  resources: ["clusters", "instancegroups"]
  verbs: ["get", "list", "watch", "patch", "update"]
# deleting a Cluster deletes its InstanceGroups first
- apiGroups: ["slipway.io"]
  resources: ["instancegroups"]
  verbs: ["delete"]
- apiGroups: ["slipway.io"]
  resources: ["clusters/status", "instancegroups/status"]
  verbs: ["patch", "update"]
- apiGroups: ["slipway.io"]
  resources: ["clusters/finalizers", "instancegroups/finalizers"]
  verbs: ["update"]
# Events on Clusters and InstanceGroups
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
# AWS credentials Secrets named by Cluster specs (get); each Cluster's certificate, key, token and kubeconfig
# Secrets (list by label, create once, update on renewal); the garbage collector deletes them with the Cluster
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "create", "update"]
{{- end }}

{{/* Cluster-scoped reads the operator makes whatever it watches. */}}
{{- define "slipway.clusterRules" -}}
# JOSDK checks at start that the CRDs are installed
- apiGroups: ["apiextensions.k8s.io"]
  resources: ["customresourcedefinitions"]
  verbs: ["get", "list"]
# JOSDK checks its Lease permissions with a SelfSubjectRulesReview before it joins the leader election
- apiGroups: ["authorization.k8s.io"]
  resources: ["selfsubjectrulesreviews"]
  verbs: ["create"]
{{- end }}
