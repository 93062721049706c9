package io.slipway.controller;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.slipway.model.Owners;
import io.slipway.api.InstanceGroup;
import io.slipway.api.AppliedIdentity;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterStatus;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.ConditionType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsSession;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.AwsPartition;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.api.InstanceGroupRole;
import io.slipway.bootstrap.BootstrapMaterial;
import io.slipway.cloud.SecretBytes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.EnumMap;
import io.slipway.validation.FieldError;
import io.slipway.validation.OpenSshAccess;
import software.amazon.awssdk.core.exception.SdkException;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reconciles a Cluster: validate the spec (before anything touches AWS), then build what it describes, and report
 * progress in status. Never writes spec.
 */
@ControllerConfiguration(name = ClusterReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = ReconcileTrigger.class))
public class ClusterReconciler implements Reconciler<Cluster>, Cleaner<Cluster> {
    public static final String NAME = "cluster";
    private static final Logger LOG = Logger.getLogger(ClusterReconciler.class);

    private final ClusterSpecChecks checks;
    private final EventRecorder events;
    private final Clock clock;
    private final ClusterCredentials credentials;
    private final AwsClientFactory aws;
    private final ClusterInfrastructure infrastructure;
    private final ClusterSecrets secrets;
    private final ReconcileSettings settings;
    private final ClusterWorkload workload;
    private final NatGatewayWatch natGateways;
    private final CredentialIssuer issuer;

    @Inject
    public ClusterReconciler(ClusterSpecChecks checks, EventRecorder events, Clock clock, ClusterCredentials credentials,
                             AwsClientFactory aws, ClusterInfrastructure infrastructure, ClusterSecrets secrets,
                             ReconcileSettings settings, ClusterWorkload workload) {
        this.workload = workload;
        this.secrets = secrets;
        this.checks = checks;
        this.events = events;
        this.clock = clock;
        this.credentials = credentials;
        this.aws = aws;
        this.infrastructure = infrastructure;
        this.settings = settings;
        this.natGateways = new NatGatewayWatch(clock);
        this.issuer = new CredentialIssuer(secrets);
    }

    /**
     * A change of an InstanceGroup (its instances, their nodes) re-triggers its Cluster; so does a NAT gateway it waits
     * for leaving pending (see {@link NatGatewayWatch}), and the end of the making of its credentials
     * ({@link CredentialIssuer}).
     */
    @Override
    public List<EventSource<?, Cluster>> prepareEventSources(EventSourceContext<Cluster> context) {
        var config = InformerEventSourceConfiguration.from(InstanceGroup.class, Cluster.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper((InstanceGroup ig) -> ig.getSpec() == null || ig.getSpec().clusterName == null
                        ? Set.of()
                        : Set.of(new ResourceID(ig.getSpec().clusterName, ig.getMetadata().getNamespace())))
                .build();
        SimpleInboundEventSource<Cluster> gatewaysReady = new SimpleInboundEventSource<>("nat-gateway-ready");
        natGateways.onReady(gatewaysReady::propagateEvent);
        SimpleInboundEventSource<Cluster> credentialsIssued = new SimpleInboundEventSource<>("credentials-issued");
        issuer.onIssued(credentialsIssued::propagateEvent);
        return List.of(new InformerEventSource<>(config, context), gatewaysReady, credentialsIssued);
    }

    @Override
    public UpdateControl<Cluster> reconcile(Cluster cluster, Context<Cluster> context) {
        ClusterStatus before = cluster.getStatus();
        ClusterStatus status = before == null ? new ClusterStatus() : StatusComparison.copy(before, ClusterStatus.class);
        long generation = generation(cluster);
        Conditions conditions = new Conditions(status.conditions, generation, clock);
        String requestedAt = ReconcileTrigger.requestedAt(cluster);
        if (requestedAt != null) {
            status.lastHandledReconcileAt = requestedAt;
        }
        boolean planOnly = cluster.getSpec() != null && cluster.getSpec().planOnly;

        List<FieldError> errors = checks.check(cluster.getMetadata().getName(), cluster.getSpec(), status.applied,
                MalformedValuesSeen.of(cluster));
        if (!errors.isEmpty()) {
            String message = SpecRefusal.announce(cluster, status.conditions, events, errors);
            status.observedGeneration = generation;
            ClusterStatusAssembler.assemble(status, conditions,
                    List.of(PhaseResult.stalled(ConditionType.SPEC_VALID, SpecRefusal.REASON, message)), planOnly);
            LOG.infof("cluster %s/%s: %s", cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), message);
            return finish(cluster, before, status);
        }
        PhaseResult specValid = PhaseResult.done(ConditionType.SPEC_VALID, "Valid", "spec is valid");
        if (before == null || before.observedGeneration == null || before.observedGeneration != generation) {
            warnAboutRiskySpec(cluster);
        }
        status.observedGeneration = generation;

        if (cluster.getSpec().paused) {
            conditions.set(ConditionType.SPEC_VALID, true, specValid.reason(), specValid.message());
            ClusterStatusAssembler.paused(status, conditions);
            return finish(cluster, before, status);
        }
        if (status.applied == null) {
            // Recorded before the first AWS call, so a crash right after it still leaves a status that says which
            // region and network the cluster's resources are in (the delete finds them by tags there).
            status.applied = appliedIdentity(cluster.getSpec());
            lookUpAccountAhead(cluster); // read-only, and the next reconcile needs it first
            if (!planOnly) {
                // read-only as well: the next reconcile, which applies, takes the plan if nothing changed meanwhile
                infrastructure.planAhead(cluster, () -> aws.session(credentials.resolve(cluster), cluster.getSpec().region),
                        session -> inputs(cluster, session, Optional.empty()));
            }
            // The next reconcile, queued at once, is the first apply (or plan): say so for its whole duration.
            ClusterStatusAssembler.assemble(status, conditions, List.of(specValid,
                    PhaseResult.inProgress(null, "Starting", "starting to build the cluster")), planOnly);
            return finish(cluster, before, status).rescheduleAfter(Duration.ofMillis(1));
        }

        List<PhaseResult> phases = new ArrayList<>();
        phases.add(specValid);
        Duration next;
        try {
            AwsSession session = aws.session(credentials.resolve(cluster), cluster.getSpec().region);
            session.lookUpAccountAhead(); // the plan needs it; meanwhile the name check asks EC2
            Optional<String> nameInUse = nameClaimed(status, generation) ? Optional.<String>empty()
                    : ClusterNameCheck.conflict(cluster, session.ec2());
            if (nameInUse.isPresent()) {
                phases.add(nameInUse(cluster, status, nameInUse.get()));
                next = settings.retryAfterError();
            } else {
                boolean requested = ReconcileTrigger.newRequest(requestedAt, before == null ? null : before.lastHandledReconcileAt);
                next = build(cluster, session, status, phases, () -> instanceGroups(cluster, context), requested);
            }
        } catch (ClusterSecrets.CredentialsException e) {
            phases.add(PhaseResult.stalled(ConditionType.CREDENTIALS_READY, "CredentialsUnreadable", e.getMessage()));
            next = settings.retryAfterError();
        } catch (KubernetesClientException e) {
            phases.add(PhaseResult.retrying(ConditionType.CREDENTIALS_READY, "CredentialsRetrying",
                    "writing the cluster's credential Secrets failed: HTTP " + e.getCode()));
            next = settings.retryAfterError();
        } catch (ClusterCredentials.CredentialsUnavailableException e) {
            phases.add(awsUnavailable(cluster, status, "CredentialsUnavailable", e.getMessage()));
            next = settings.retryAfterError();
        } catch (SdkException e) {
            phases.add(awsUnavailable(cluster, status, "AwsError", "AWS: " + e.getMessage()));
            next = settings.retryAfterError();
        }
        ClusterStatusAssembler.assemble(status, conditions, phases, planOnly);
        return finish(cluster, before, status).rescheduleAfter(next);
    }

    /**
     * The credentials, then the cloud infrastructure (whose bootstrap store holds what the credentials give the
     * instances), then the kubeconfig once the API endpoint is known. Adds each phase's result. New keys are made
     * off this thread (see {@link CredentialIssuer}): meanwhile the infrastructure is reconciled without the
     * bootstrap objects (left as they are) and credentials are not ready. The groups are read from the cache only
     * once the infrastructure is reconciled (which takes a while): a group that turned Ready meanwhile counts in this
     * reconcile, not in the next one. {@code requested}: a reconcile asked for by annotation, which plans afresh.
     */
    private Duration build(Cluster cluster, AwsSession session, ClusterStatus status, List<PhaseResult> phases,
                           Supplier<List<InstanceGroup>> groups, boolean requested) {
        Optional<String> endpointBefore = ApiEndpoints.url(status.apiEndpoint);
        Optional<CredentialsResult> issued = issuer.current(cluster, endpointBefore);
        ClusterInputs inputs = inputs(cluster, session, issued.map(CredentialsResult::material));
        ClusterInfrastructure.Outcome outcome = infrastructure.reconcile(cluster, session, inputs, status, requested);
        // what waits on a pending NAT gateway (private routes, then every group) is applied once it turns available,
        // not an in-flight interval later
        natGateways.expect(ResourceID.fromResource(cluster), session.ec2(), NatGatewayWatch.pending(outcome.resources()),
                settings.pollPendingEvery(), min(outcome.next(), settings.inFlight()),
                new NatGatewayWatch.Handover(ClusterReads.of(session, cluster, settings), Owners.cluster(cluster),
                        NatGatewayWatch.owned(outcome.resources())));
        Optional<String> endpoint = ApiEndpoints.url(status.apiEndpoint);
        CredentialsResult credentials = issued.orElse(null);
        if (credentials != null) {
            if (!endpoint.equals(endpointBefore)) {
                credentials = credentials.followedBy(secrets.reconcile(cluster, endpoint));
            }
            status.credentials = credentials.toStatus();
            if (credentials.changed()) {
                events.normal(cluster, "CredentialsIssued", String.join("; ", credentials.changes()));
            }
        }
        for (Map.Entry<InfrastructurePart, PhaseResult> part : outcome.parts().entrySet()) {
            if (part.getKey() == InfrastructurePart.API_ENDPOINT && part.getValue().isDone() && endpoint.isPresent()) {
                phases.add(PhaseResult.done(ConditionType.API_ENDPOINT_READY, part.getValue().reason(),
                        "clients reach the API at " + endpoint.get()));
            } else if (part.getKey() != InfrastructurePart.BOOTSTRAP_STORE) {
                phases.add(part.getValue());
            }
        }
        phases.add(credentials == null ? ISSUING_CREDENTIALS
                : credentialsPhase(credentials, outcome.parts().get(InfrastructurePart.BOOTSTRAP_STORE), endpoint));
        if (credentials != null && phases.stream().allMatch(PhaseResult::isDone)) {
            List<PhaseResult> inCluster = workload.reconcile(cluster, groups.get(), status, credentials.bootstrapToken(), requested);
            phases.addAll(inCluster);
            if (!inCluster.stream().allMatch(PhaseResult::isDone)) {
                // nodes join and pods start by themselves: look again soon rather than at the next resync
                return min(outcome.next(), settings.inFlight());
            }
            return min(outcome.next(), settings.observeReady());
        } else {
            phases.addAll(ClusterWorkload.waitingForInfrastructure());
        }
        // the end of the keys' making wakes the Cluster; the in-flight interval only backs that up
        return credentials == null ? min(outcome.next(), settings.inFlight()) : outcome.next();
    }

    private static final PhaseResult ISSUING_CREDENTIALS = PhaseResult.inProgress(ConditionType.CREDENTIALS_READY,
            "IssuingCredentials", "making the cluster's certificates and keys; the bootstrap store's objects and the"
                    + " admin kubeconfig are written once they exist");

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The Cluster's InstanceGroups, from the informer's cache. */
    private static List<InstanceGroup> instanceGroups(Cluster cluster, Context<Cluster> context) {
        return context.getSecondaryResourcesAsStream(InstanceGroup.class)
                .filter(ig -> ig.getSpec() != null && cluster.getMetadata().getName().equals(ig.getSpec().clusterName))
                .filter(ig -> !ig.isMarkedForDeletion())
                .toList();
    }

    /** Credentials are ready when the Secrets exist, the bootstrap store holds them and the kubeconfig is written. */
    private static PhaseResult credentialsPhase(CredentialsResult credentials, PhaseResult store, Optional<String> endpoint) {
        if (store != null && !store.isDone()) {
            return store;
        }
        if (credentials.kubeconfigSecret().isEmpty()) {
            return PhaseResult.pending(ConditionType.CREDENTIALS_READY, "WaitingForAPIEndpoint",
                    "the certificates and keys exist; the admin kubeconfig is written once the API endpoint is known");
        }
        return PhaseResult.done(ConditionType.CREDENTIALS_READY, "Issued", "certificates, keys and bootstrap token are issued"
                + " and in the bootstrap store; the admin kubeconfig is in Secret " + credentials.kubeconfigSecret().get()
                + endpoint.map(url -> " (" + url + ")").orElse(""));
    }

    /** What a teardown needs to find the resources found by name: the same inputs, without secret content. */
    private ClusterInputs lookupInputs(Cluster cluster, AwsSession session) {
        String account = session.accountId();
        return new ClusterInputs(account, AwsPartition.of(cluster.getSpec().region),
                infrastructure.storeLayout(cluster, account), ClusterRoles.inUse(cluster), Map.of());
    }

    /** What the desired graph needs besides the spec; without material (still being made), no bootstrap content. */
    private ClusterInputs inputs(Cluster cluster, AwsSession session, Optional<BootstrapMaterial> material) {
        String account = session.accountId();
        Map<InstanceGroupRole, SecretBytes> content = new EnumMap<>(InstanceGroupRole.class);
        for (InstanceGroupRole role : material.isPresent() ? ClusterRoles.inUse(cluster) : Set.<InstanceGroupRole>of()) {
            byte[] bytes = material.get().content(BootstrapStoreLayout.folderName(role));
            if (bytes != null) {
                content.put(role, SecretBytes.of(bytes));
            }
        }
        ClusterInputs inputs = new ClusterInputs(account, AwsPartition.of(cluster.getSpec().region),
                infrastructure.storeLayout(cluster, account), ClusterRoles.inUse(cluster), content);
        return material.isPresent() ? inputs : inputs.withBootstrapContentPending();
    }

    /** A head start on the account of the Cluster's credentials, while its status is written (see {@link AwsSession#lookUpAccountAhead}). */
    private void lookUpAccountAhead(Cluster cluster) {
        try {
            aws.session(credentials.resolve(cluster), cluster.getSpec().region).lookUpAccountAhead();
        } catch (RuntimeException e) {
            // the reconcile that builds the cluster resolves the credentials again and reports what fails
        }
    }

    /**
     * The name check passed for this generation: the Cluster has planned it, which it does only after the check. Then
     * it owns what carries the name (or is about to), and a later cluster of the name is the one that stalls; the check
     * runs again on the next spec change rather than in every reconcile.
     */
    private static boolean nameClaimed(ClusterStatus status, long generation) {
        return status.plan != null && status.plan.observedGeneration != null && status.plan.observedGeneration == generation;
    }

    /** Another cluster uses the Kubernetes cluster name in the account and region: create nothing, ask a human. */
    private PhaseResult nameInUse(Cluster cluster, ClusterStatus status, String message) {
        boolean newMessage = !message.equals(Conditions.get(status.conditions, ConditionType.READY).map(c -> c.message).orElse(null));
        if (newMessage) {
            events.warning(cluster, ClusterNameCheck.REASON, message);
        }
        return PhaseResult.stalled(null, ClusterNameCheck.REASON, message);
    }

    /** Once per generation: legal settings that are risky enough to tell the user about. */
    private void warnAboutRiskySpec(Cluster cluster) {
        List<String> open = OpenSshAccess.worldOpen(cluster.getSpec());
        if (!open.isEmpty()) {
            events.warning(cluster, "SshOpenToWorld", "spec.sshAccess contains " + String.join(", ", open)
                    + ": port 22 of the cluster's instances is open to the whole internet");
        }
    }

    private PhaseResult awsUnavailable(Cluster cluster, ClusterStatus status, String reason, String message) {
        boolean newMessage = !message.equals(Conditions.get(status.conditions, ConditionType.RECONCILING).map(c -> c.message).orElse(null));
        if (newMessage) {
            events.warning(cluster, reason, message);
        }
        return PhaseResult.retrying(null, reason, message);
    }

    @Override
    public DeleteControl cleanup(Cluster cluster, Context<Cluster> context) {
        ClusterStatus status = cluster.getStatus();
        boolean reachedAws = status != null && status.applied != null;
        ClusterStatus next = status == null ? new ClusterStatus() : StatusComparison.copy(status, ClusterStatus.class);
        Conditions conditions = new Conditions(next.conditions, generation(cluster), clock);
        if (reachedAws && cluster.getSpec() != null && cluster.getSpec().paused) {
            ClusterStatusAssembler.deleting(next, conditions, "DeletionPaused",
                    "spec.paused is true: set it to false to delete the cluster's AWS resources", false);
            writeStatus(context, cluster, status, next);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.retryAfterError().toMillis());
        }
        List<String> groups = ClusterInstanceGroups.deleteAll(context.getClient(), cluster);
        if (!groups.isEmpty()) {
            String message = "deleting the InstanceGroups first; waiting for " + String.join(", ", groups);
            boolean first = !"DeletingInstanceGroups".equals(Conditions.get(next.conditions, ConditionType.READY).map(c -> c.reason).orElse(null));
            ClusterStatusAssembler.deleting(next, conditions, "DeletingInstanceGroups", message, false);
            if (first) {
                events.normal(cluster, "DeletingInstanceGroups", message);
            }
            writeStatus(context, cluster, status, next);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.inFlight().toMillis());
        }
        natGateways.forget(ResourceID.fromResource(cluster));
        issuer.forget(ResourceID.fromResource(cluster));
        if (!reachedAws) {
            workload.forget(cluster);
            return DeleteControl.defaultDelete(); // never got as far as AWS
        }
        String region = status.applied.region;
        try {
            AwsSession session = aws.session(credentials.resolve(cluster), region);
            TeardownResult result = infrastructure.teardown(cluster, session, lookupInputs(cluster, session));
            if (result.isComplete()) {
                workload.forget(cluster);
                ClusterReads.forget(session, cluster);
                events.normal(cluster, "Deleted", "deleted " + result.deleted().size() + " AWS resource(s); nothing owned by the cluster remains");
                return DeleteControl.defaultDelete();
            }
            String message = result.remaining().size() + " AWS resource(s) remain"
                    + (result.failures().isEmpty() ? "" : ": " + result.failures().stream().map(f -> f.change().logicalId() + ": " + f.message())
                    .limit(10).collect(Collectors.joining("; ")));
            if (result.isBlockedByOthers()) {
                boolean tooLong = blockedTooLong(cluster);
                message = "deleting is held by objects Slipway did not make: " + result.blocked().stream()
                        .map(Object::toString).limit(10).collect(Collectors.joining("; "))
                        + (tooLong ? "; remove them (retrying meanwhile)" : "; retrying") + "; " + message;
                ClusterStatusAssembler.deleting(next, conditions, tooLong ? "DeletionBlocked" : "Deleting", message,
                        tooLong || result.needsHuman());
            } else {
                ClusterStatusAssembler.deleting(next, conditions, "Deleting", message, result.needsHuman());
            }
            writeStatus(context, cluster, status, next);
        } catch (ClusterCredentials.CredentialsUnavailableException | SdkException e) {
            ClusterStatusAssembler.deleting(next, conditions, "Deleting", "cannot reach AWS to delete: " + e.getMessage(), false);
            writeStatus(context, cluster, status, next);
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.inFlight().toMillis());
    }

    /** A deletion held by others for longer than the setting needs a human (counted from the delete request). */
    private boolean blockedTooLong(Cluster cluster) {
        String since = cluster.getMetadata().getDeletionTimestamp();
        if (since == null) {
            return false;
        }
        return java.time.Instant.parse(since).plus(settings.teardownStallAfter()).isBefore(clock.instant());
    }

    private static void writeStatus(Context<Cluster> context, Cluster cluster, ClusterStatus before, ClusterStatus after) {
        if (!StatusComparison.changed(before, after)) {
            return;
        }
        Cluster patch = new Cluster();
        patch.setMetadata(new ObjectMetaBuilder().withName(cluster.getMetadata().getName())
                .withNamespace(cluster.getMetadata().getNamespace()).build());
        patch.setStatus(after);
        context.resourceOperations().serverSideApplyPrimaryStatus(patch);
    }

    private UpdateControl<Cluster> finish(Cluster cluster, ClusterStatus before, ClusterStatus after) {
        if (!StatusComparison.changed(before, after)) {
            return UpdateControl.noUpdate();
        }
        // Server-side apply of the status alone: the operator's field manager owns status and nothing else.
        Cluster patch = new Cluster();
        patch.setMetadata(new ObjectMetaBuilder().withName(cluster.getMetadata().getName())
                .withNamespace(cluster.getMetadata().getNamespace()).build());
        patch.setStatus(after);
        return UpdateControl.patchStatus(patch);
    }

    static AppliedIdentity appliedIdentity(ClusterSpec spec) {
        AppliedIdentity applied = new AppliedIdentity();
        applied.region = spec.region;
        applied.networkCIDR = spec.networkCIDR;
        applied.networkID = spec.networkID;
        for (ClusterSubnet subnet : spec.subnets == null ? new ArrayList<ClusterSubnet>() : spec.subnets) {
            if (subnet.id != null) {
                applied.subnetIDs.put(subnet.name, subnet.id);
            }
        }
        return applied;
    }

    private static long generation(Cluster cluster) {
        Long g = cluster.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }
}
