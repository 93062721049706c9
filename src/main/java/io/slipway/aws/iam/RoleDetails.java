package io.slipway.aws.iam;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.RoleDetail;

import java.util.List;

/**
 * Every role of the account with its tags, permissions boundary, trust policy and inline policies, from
 * GetAccountAuthorizationDetails (Filter=Role): one call per 1,000 roles of the account, whatever the number of
 * roles or policies of the cluster. ListRoles would be one call per page of the cluster's path, but it returns
 * neither tags nor the permissions boundary (on AWS and on moto), which would cost a GetRole per role, and the
 * inline policies a ListRolePolicies plus a GetRolePolicy per policy.
 */
final class RoleDetails {
    /** The largest page IAM allows. */
    private static final int PAGE = 1000;

    private RoleDetails() {
    }

    /** The account's roles as one read that the finds of a plan share (roles and their inline policies). */
    record Roles(List<RoleDetail> roles) {
    }

    static List<RoleDetail> all(IamClient iam, io.slipway.cloud.FindContext<?> context) {
        return context.shared("iam:GetAccountAuthorizationDetails:Role", Roles.class, () -> new Roles(all(iam))).roles();
    }

    static List<RoleDetail> all(IamClient iam) {
        return iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.ROLE).maxItems(PAGE))
                .stream().flatMap(page -> page.roleDetailList().stream()).toList();
    }
}
