package io.slipway.controller;

import io.slipway.api.InstanceGroupRole;
import io.slipway.model.ApiEndpointIds;
import io.slipway.model.BootstrapStoreModel;
import io.slipway.model.IamIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The resources that live on another (policies, memberships, bucket settings, cross-zone) report with their part. */
class InfrastructurePartTest {

    @Test
    void eachModelsLogicalIdsFallInItsPart() {
        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            assertThat(InfrastructurePart.of(IamIds.role(role))).isEqualTo(InfrastructurePart.IAM);
            assertThat(InfrastructurePart.of(IamIds.rolePolicy(role))).isEqualTo(InfrastructurePart.IAM);
            assertThat(InfrastructurePart.of(IamIds.additionalRolePolicy(role))).isEqualTo(InfrastructurePart.IAM);
            assertThat(InfrastructurePart.of(IamIds.instanceProfile(role))).isEqualTo(InfrastructurePart.IAM);
            assertThat(InfrastructurePart.of(IamIds.instanceProfileRole(role))).isEqualTo(InfrastructurePart.IAM);
            assertThat(InfrastructurePart.of(BootstrapStoreModel.object(role))).isEqualTo(InfrastructurePart.BOOTSTRAP_STORE);
        }
        for (String setting : new String[] {BootstrapStoreModel.BUCKET, BootstrapStoreModel.BUCKET_ENCRYPTION,
                BootstrapStoreModel.BUCKET_PUBLIC_ACCESS_BLOCK, BootstrapStoreModel.BUCKET_VERSIONING,
                BootstrapStoreModel.BUCKET_OWNERSHIP}) {
            assertThat(InfrastructurePart.of(setting)).as(setting).isEqualTo(InfrastructurePart.BOOTSTRAP_STORE);
        }
        for (String id : new String[] {ApiEndpointIds.LOAD_BALANCER, ApiEndpointIds.LOAD_BALANCER_CROSS_ZONE,
                ApiEndpointIds.TARGET_GROUP, ApiEndpointIds.LISTENER, ApiEndpointIds.DNS_RECORD}) {
            assertThat(InfrastructurePart.of(id)).as(id).isEqualTo(InfrastructurePart.API_ENDPOINT);
        }
        assertThat(InfrastructurePart.of("vpc")).isEqualTo(InfrastructurePart.NETWORK);
    }

    /**
     * The Ready message lists the parts done in this order: a reconcile that takes the recently converged plan must
     * say what a fresh plan says, or the message (and status) changes with nothing changed.
     */
    @Test
    void anOutcomeListsItsPartsInOneOrderWhateverMapItWasGiven() {
        java.util.Map<InfrastructurePart, PhaseResult> reversed = new java.util.LinkedHashMap<>();
        for (int i = InfrastructurePart.values().length - 1; i >= 0; i--) {
            InfrastructurePart part = InfrastructurePart.values()[i];
            reversed.put(part, PhaseResult.done(part.condition(), "Converged", "done"));
        }
        ClusterInfrastructure.Outcome outcome = new ClusterInfrastructure.Outcome(reversed, java.util.List.of(), java.time.Duration.ZERO);

        assertThat(outcome.parts().keySet()).containsExactly(InfrastructurePart.values());
    }
}
