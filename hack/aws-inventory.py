#!/usr/bin/env python3
"""Lists the AWS resources of a cluster, as JSON: an inspector independent of Slipway's own code.

Usage: hack/aws-inventory.py --endpoint http://127.0.0.1:PORT [--region us-east-1] --tag slipway.io/cluster=ns/name
                             [--state-store BUCKET]
       hack/aws-inventory.py --endpoint ... --vpc vpc-123      (a VPC and its subnets, e.g. to check a BYO network)

Output (tag mode): {"vpc": [{"id": ..., "resource": <slipway.io/resource tag>, "tags": {...}}, ...], "subnet": [...],
"internet-gateway", "elastic-ip", "natgateway" (pending/available only), "route-table", "security-group",
"load-balancer", "target-group", "listener" (ELBv2, by the same tag), "s3-bucket" (by the same tag),
"s3-object-version" (every version and delete marker in those buckets, and under <ns>/<name>/ of --state-store)}.
With --tag slipway.io/cluster=<ns>/<name> also: "iam-role", "iam-instance-profile" (under the path
/slipway/<ns>/<name>/, IAM List calls take no tag filter) and "dns-record" (Route 53 records whose same-name TXT
record says slipway/owner=<ns>/<name>, the TXT records included).
"""
import argparse
import json
import os

import boto3
import botocore.config


def tags_of(item):
    return {t["Key"]: t["Value"] for t in item.get("Tags", []) or []}


def entry(item, id_key):
    tags = tags_of(item)
    return {"id": item[id_key], "resource": tags.get("slipway.io/resource"), "tags": tags}


def by_tag(ec2, key, value):
    f = [{"Name": "tag:" + key, "Values": [value]}]

    def mine(items):
        # not every describe honours tag filters (moto's NAT gateways do not): check each item
        return [i for i in items if tags_of(i).get(key) == value]

    return {
        "vpc": [entry(v, "VpcId") for v in mine(ec2.describe_vpcs(Filters=f)["Vpcs"])],
        "subnet": [entry(s, "SubnetId") for s in mine(ec2.describe_subnets(Filters=f)["Subnets"])],
        "internet-gateway": [entry(g, "InternetGatewayId")
                             for g in mine(ec2.describe_internet_gateways(Filters=f)["InternetGateways"])],
        "elastic-ip": [entry(a, "AllocationId") for a in mine(ec2.describe_addresses(Filters=f)["Addresses"])],
        "natgateway": [entry(n, "NatGatewayId") for n in mine(ec2.describe_nat_gateways(Filter=f)["NatGateways"])
                       if n["State"] in ("pending", "available")],
        "route-table": [entry(r, "RouteTableId") for r in mine(ec2.describe_route_tables(Filters=f)["RouteTables"])],
        "security-group": [entry(g, "GroupId") for g in mine(ec2.describe_security_groups(Filters=f)["SecurityGroups"])],
    }


def elbv2_by_tag(elbv2, key, value):
    balancers = elbv2.describe_load_balancers().get("LoadBalancers", [])
    groups = elbv2.describe_target_groups().get("TargetGroups", [])
    arns = [b["LoadBalancerArn"] for b in balancers] + [g["TargetGroupArn"] for g in groups]
    tags = {}
    for i in range(0, len(arns), 20):  # DescribeTags takes at most 20 ARNs
        for description in elbv2.describe_tags(ResourceArns=arns[i:i + 20])["TagDescriptions"]:
            tags[description["ResourceArn"]] = description
    mine = {arn for arn, d in tags.items() if tags_of(d).get(key) == value}
    result = {
        "load-balancer": [entry(tags[b["LoadBalancerArn"]], "ResourceArn") for b in balancers
                          if b["LoadBalancerArn"] in mine],
        "target-group": [entry(tags[g["TargetGroupArn"]], "ResourceArn") for g in groups if g["TargetGroupArn"] in mine],
        "listener": [],
    }
    for balancer in result["load-balancer"]:
        for listener in elbv2.describe_listeners(LoadBalancerArn=balancer["id"]).get("Listeners", []):
            result["listener"].append({"id": listener["ListenerArn"], "resource": None, "tags": {}})
    return result


def versions(s3, bucket, prefix=""):
    found = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=prefix):
        for version in page.get("Versions", []) + page.get("DeleteMarkers", []):
            found.append({"id": bucket + "/" + version["Key"] + "@" + str(version.get("VersionId")), "resource": None,
                          "tags": {}})
    return found


def s3_by_tag(s3, key, value, state_store):
    buckets = []
    for bucket in s3.list_buckets().get("Buckets", []):
        try:
            tags = {t["Key"]: t["Value"] for t in s3.get_bucket_tagging(Bucket=bucket["Name"])["TagSet"]}
        except s3.exceptions.ClientError:  # NoSuchTagSet: a bucket without tags is nobody's cluster
            continue
        if tags.get(key) == value:
            buckets.append({"id": bucket["Name"], "resource": tags.get("slipway.io/resource"), "tags": tags})
    objects = [v for b in buckets for v in versions(s3, b["id"])]
    if state_store and key == "slipway.io/cluster":
        objects += versions(s3, state_store, value + "/")
    return {"s3-bucket": buckets, "s3-object-version": objects}


def iam_by_cluster(iam, cluster):
    path = "/slipway/" + cluster + "/"
    # moto ignores PathPrefix on ListInstanceProfiles: check the path of each
    roles = [r for page in iam.get_paginator("list_roles").paginate(PathPrefix=path) for r in page["Roles"]
             if r["Path"].startswith(path)]
    profiles = [p for page in iam.get_paginator("list_instance_profiles").paginate(PathPrefix=path)
                for p in page["InstanceProfiles"] if p["Path"].startswith(path)]
    return {
        "iam-role": [{"id": r["RoleName"], "resource": None, "tags": {}} for r in roles],
        "iam-instance-profile": [{"id": p["InstanceProfileName"], "resource": None, "tags": {}} for p in profiles],
    }


def dns_by_cluster(route53, cluster):
    mark = "slipway/owner=" + cluster
    found = []
    for zone in [z for page in route53.get_paginator("list_hosted_zones").paginate() for z in page["HostedZones"]]:
        records = [r for page in route53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone["Id"])
                   for r in page["ResourceRecordSets"]]
        owned = {r["Name"] for r in records if r["Type"] == "TXT"
                 and any(mark in v["Value"] for v in r.get("ResourceRecords", []))}
        found += [{"id": zone["Id"].split("/")[-1] + "/" + r["Name"] + "/" + r["Type"], "resource": None, "tags": {}}
                  for r in records if r["Name"] in owned]
    return {"dns-record": found}


def vpc_and_subnets(ec2, vpc_id):
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Vpcs"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    return {
        "vpc": [{"id": v["VpcId"], "cidr": v["CidrBlock"], "tags": tags_of(v)} for v in vpcs],
        "subnet": [{"id": s["SubnetId"], "cidr": s["CidrBlock"], "zone": s["AvailabilityZone"], "tags": tags_of(s)}
                   for s in subnets],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--tag")
    parser.add_argument("--vpc")
    parser.add_argument("--state-store")
    args = parser.parse_args()

    def client(service, region=args.region, **extra):
        return boto3.client(service, endpoint_url=args.endpoint, region_name=region,
                            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
                            aws_session_token=os.environ.get("AWS_SESSION_TOKEN"), **extra)

    ec2 = client("ec2")
    if args.tag:
        key, value = args.tag.split("=", 1)
        found = by_tag(ec2, key, value)
        found.update(elbv2_by_tag(client("elbv2"), key, value))
        found.update(s3_by_tag(client("s3", config=botocore.config.Config(s3={"addressing_style": "path"})),
                               key, value, args.state_store))
        if key == "slipway.io/cluster":
            found.update(iam_by_cluster(client("iam"), value))
            found.update(dns_by_cluster(client("route53"), value))
        print(json.dumps(found, sort_keys=True))
    else:
        print(json.dumps(vpc_and_subnets(ec2, args.vpc), sort_keys=True))


if __name__ == "__main__":
    main()
