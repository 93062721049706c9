#!/usr/bin/env python3
"""The IAM roles and instance profiles under a path, read with boto3 (an inspector that shares no code with
Slipway): {"roles": [{name, arn, path, tags, boundary, trust, policies: {name: document}, attached: [arn]}],
"profiles": [{name, arn, path, tags, roles: [name]}]}. boto3 decodes the URL-encoded policy documents."""
import json
import sys

import boto3


def tags_of(item):
    return {t["Key"]: t["Value"] for t in item.get("Tags", []) or []}


def main():
    endpoint, path = sys.argv[1], sys.argv[2]
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    roles = []
    for page in iam.get_paginator("list_roles").paginate(PathPrefix=path):
        for listed in page["Roles"]:
            role = iam.get_role(RoleName=listed["RoleName"])["Role"]
            name = role["RoleName"]
            policies = {}
            for policy_page in iam.get_paginator("list_role_policies").paginate(RoleName=name):
                for policy in policy_page["PolicyNames"]:
                    policies[policy] = iam.get_role_policy(RoleName=name, PolicyName=policy)["PolicyDocument"]
            attached = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]]
            roles.append({"name": name, "arn": role["Arn"], "path": role["Path"], "tags": tags_of(role),
                          "boundary": (role.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn"),
                          "trust": role["AssumeRolePolicyDocument"], "policies": policies, "attached": attached})
    profiles = []
    for page in iam.get_paginator("list_instance_profiles").paginate(PathPrefix=path):
        for listed in page["InstanceProfiles"]:
            profile = iam.get_instance_profile(InstanceProfileName=listed["InstanceProfileName"])["InstanceProfile"]
            profiles.append({"name": profile["InstanceProfileName"], "arn": profile["Arn"], "path": profile["Path"],
                             "tags": tags_of(profile), "roles": [r["RoleName"] for r in profile.get("Roles", [])]})
    print(json.dumps({"roles": roles, "profiles": profiles}, sort_keys=True, default=str))


if __name__ == "__main__":
    main()
