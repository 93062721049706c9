#!/usr/bin/env python3
"""Lists the EC2 network resources that carry a tag, as JSON: an inspector independent of Slipway's own code.

Usage: hack/aws-inventory.py --endpoint http://127.0.0.1:PORT [--region us-east-1] --tag slipway.io/cluster=ns/name
       hack/aws-inventory.py --endpoint ... --vpc vpc-123      (a VPC and its subnets, e.g. to check a BYO network)
       hack/aws-inventory.py --endpoint ... --bucket NAME [--prefix P]   (an S3 bucket: settings, tags, every version)
       hack/aws-inventory.py --serve   (many requests, one per stdin line: {"args": [...], "env": {AWS_* keys}};
                                        one JSON line each: {"result": ...} or {"error": ...})

Output (tag mode): {"vpc": [{"id": ..., "resource": <slipway.io/resource tag>, "tags": {...}}, ...],
"vpc-dns-support", "vpc-dns-hostnames" (those attributes of these VPCs: {"id": "<vpc>#dns-support", "enabled"}), "subnet": [...],
"internet-gateway", "elastic-ip", "natgateway" (pending/available only), "route-table", "security-group",
"s3-bucket" (buckets of the account whose bucket tags carry the tag), "s3-bucket-encryption",
"s3-public-access-block", "s3-bucket-versioning", "s3-bucket-ownership" (those settings of these buckets, if set),
"load-balancer", "load-balancer-cross-zone", "target-group", "listener" (ELBv2, tags read with DescribeTags), and for
slipway.io/cluster "iam-role", "iam-role-policy", "iam-instance-profile", "iam-instance-profile-role" (by IAM path) and
"dns-record": Route53 names of any hosted zone whose ownership TXT record (heritage=slipway) names that cluster,
with the alias they hold ({"id": "<zone id>/<name>", "resource", "alias", "aliasZone", "tags": {}}),
and, for slipway.io/cluster=<namespace>/<name>, what the AWS cloud-controller-manager and the EBS CSI driver made for
the cluster (tagged kubernetes.io/cluster/<name>=owned, without slipway.io/* marks): "ccm-classic-load-balancer",
"ccm-load-balancer", "ccm-target-group", "ccm-security-group", "ccm-security-group-rule" (rules of the cluster's
groups naming such a group, or a group that is gone: "<group>/<named group>") and "csi-volume"}
"""
import argparse
import functools
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def tags_of(item):
    return {t["Key"]: t["Value"] for t in item.get("Tags", []) or []}


def entry(item, id_key):
    tags = tags_of(item)
    return {"id": item[id_key], "resource": tags.get("slipway.io/resource"), "tags": tags}


def s3_buckets_by_tag(s3, key, value):
    found = []
    for bucket in s3.list_buckets().get("Buckets", []):
        try:
            tags = {t["Key"]: t["Value"] for t in s3.get_bucket_tagging(Bucket=bucket["Name"])["TagSet"]}
        except ClientError:
            continue
        if tags.get(key) == value:
            found.append({"id": bucket["Name"], "resource": tags.get("slipway.io/resource"), "tags": tags})
    return found


def s3_bucket_settings(s3, buckets):
    """The settings each bucket has, one list per setting: {"id": "<bucket>#<setting>", ...}."""
    reads = {
        "s3-bucket-encryption": ("encryption", lambda b: s3.get_bucket_encryption(Bucket=b)),
        "s3-public-access-block": ("publicAccessBlock", lambda b: s3.get_public_access_block(Bucket=b)),
        "s3-bucket-versioning": ("versioning", lambda b: s3.get_bucket_versioning(Bucket=b).get("Status")),
        "s3-bucket-ownership": ("objectOwnership", lambda b: s3.get_bucket_ownership_controls(Bucket=b)),
    }
    found = {}
    for kind, (setting, read) in reads.items():
        found[kind] = []
        for bucket in buckets:
            try:
                if read(bucket["id"]):
                    found[kind].append({"id": bucket["id"] + "#" + setting, "resource": None, "tags": {}})
            except ClientError:
                pass
    return found


def s3_read(call, missing_code, pick):
    try:
        return pick(call())
    except ClientError as e:
        if e.response["Error"]["Code"] in missing_code:
            return None
        raise


def s3_bucket(s3, name, prefix):
    try:
        s3.head_bucket(Bucket=name)
    except ClientError:
        return {"exists": False}
    versions = []
    markers = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=name, Prefix=prefix):
        versions += [{"key": v["Key"], "versionId": v["VersionId"], "isLatest": v["IsLatest"], "etag": v["ETag"]}
                     for v in page.get("Versions", [])]
        markers += [{"key": m["Key"], "versionId": m["VersionId"], "isLatest": m["IsLatest"]}
                    for m in page.get("DeleteMarkers", [])]
    objects = {}
    for v in versions:
        if v["isLatest"]:
            head = s3.head_object(Bucket=name, Key=v["key"])
            tags = s3.get_object_tagging(Bucket=name, Key=v["key"])["TagSet"]
            objects[v["key"]] = {"metadata": head.get("Metadata", {}), "sse": head.get("ServerSideEncryption"),
                                 "tags": {t["Key"]: t["Value"] for t in tags}}
    return {
        "exists": True,
        "tags": s3_read(lambda: s3.get_bucket_tagging(Bucket=name), ["NoSuchTagSet"],
                        lambda r: {t["Key"]: t["Value"] for t in r["TagSet"]}),
        "encryption": s3_read(lambda: s3.get_bucket_encryption(Bucket=name),
                              ["ServerSideEncryptionConfigurationNotFoundError"],
                              lambda r: r["ServerSideEncryptionConfiguration"]["Rules"][0]
                              ["ApplyServerSideEncryptionByDefault"]),
        "publicAccessBlock": s3_read(lambda: s3.get_public_access_block(Bucket=name),
                                     ["NoSuchPublicAccessBlockConfiguration"],
                                     lambda r: r["PublicAccessBlockConfiguration"]),
        "versioning": s3.get_bucket_versioning(Bucket=name).get("Status"),
        "ownership": s3_read(lambda: s3.get_bucket_ownership_controls(Bucket=name), ["OwnershipControlsNotFoundError"],
                             lambda r: r["OwnershipControls"]["Rules"][0]["ObjectOwnership"]),
        "versions": versions,
        "deleteMarkers": markers,
        "objects": objects,
    }


def by_tag(ec2, key, value):
    f = [{"Name": "tag:" + key, "Values": [value]}]

    def mine(items):
        # not every describe honours tag filters (moto's NAT gateways do not): check each item
        return [i for i in items if tags_of(i).get(key) == value]

    vpcs = [entry(v, "VpcId") for v in mine(ec2.describe_vpcs(Filters=f)["Vpcs"])]

    def dns(vpc, suffix, attribute):
        value = ec2.describe_vpc_attribute(VpcId=vpc["id"], Attribute=attribute)[attribute[0].upper() + attribute[1:]]
        return {"id": vpc["id"] + "#" + suffix, "resource": None, "enabled": value["Value"], "tags": {}}

    return {
        "vpc": vpcs,
        # a VPC's DNS attributes, resources of their own in Slipway (gone with their VPC)
        "vpc-dns-support": [dns(v, "dns-support", "enableDnsSupport") for v in vpcs],
        "vpc-dns-hostnames": [dns(v, "dns-hostnames", "enableDnsHostnames") for v in vpcs],
        "subnet": [entry(s, "SubnetId") for s in mine(ec2.describe_subnets(Filters=f)["Subnets"])],
        "internet-gateway": [entry(g, "InternetGatewayId")
                             for g in mine(ec2.describe_internet_gateways(Filters=f)["InternetGateways"])],
        "elastic-ip": [entry(a, "AllocationId") for a in mine(ec2.describe_addresses(Filters=f)["Addresses"])],
        "natgateway": [entry(n, "NatGatewayId") for n in mine(ec2.describe_nat_gateways(Filter=f)["NatGateways"])
                       if n["State"] in ("pending", "available")],
        "route-table": [entry(r, "RouteTableId") for r in mine(ec2.describe_route_tables(Filters=f)["RouteTables"])],
        "security-group": [entry(g, "GroupId") for g in mine(ec2.describe_security_groups(Filters=f)["SecurityGroups"])],
        "launch-template": [entry(t, "LaunchTemplateId")
                            for t in mine(ec2.describe_launch_templates(Filters=f)["LaunchTemplates"])],
        "instance": [entry(i, "InstanceId") for r in ec2.describe_instances(Filters=f)["Reservations"]
                     for i in mine(r["Instances"]) if i["State"]["Name"] not in ("terminated", "shutting-down")],
    }


def autoscaling_by_tag(autoscaling, key, value):
    groups = autoscaling.describe_auto_scaling_groups(Filters=[{"Name": "tag:" + key, "Values": [value]}])
    return {"auto-scaling-group": [{"id": g["AutoScalingGroupName"], "tags": {t["Key"]: t["Value"] for t in g.get("Tags", [])},
                                    "min": g["MinSize"], "max": g["MaxSize"], "desired": g["DesiredCapacity"],
                                    "launchTemplate": g.get("LaunchTemplate"), "targetGroups": g.get("TargetGroupARNs", []),
                                    "subnets": sorted(filter(None, g.get("VPCZoneIdentifier", "").split(","))),
                                    "suspended": [p["ProcessName"] for p in g.get("SuspendedProcesses", [])]}
                                   for g in groups["AutoScalingGroups"]
                                   if any(t["Key"] == key and t["Value"] == value for t in g.get("Tags", []))
                                   and not g.get("Status")]}


def elbv2_by_tag(elb, key, value):
    balancers = [b for page in elb.get_paginator("describe_load_balancers").paginate() for b in page["LoadBalancers"]]
    groups = [g for page in elb.get_paginator("describe_target_groups").paginate() for g in page["TargetGroups"]]
    listeners = [l for b in balancers
                 for page in elb.get_paginator("describe_listeners").paginate(LoadBalancerArn=b["LoadBalancerArn"])
                 for l in page["Listeners"]]
    arns = [b["LoadBalancerArn"] for b in balancers] + [g["TargetGroupArn"] for g in groups] + \
           [l["ListenerArn"] for l in listeners]
    tags = {}
    for i in range(0, len(arns), 20):
        for d in elb.describe_tags(ResourceArns=arns[i:i + 20])["TagDescriptions"]:
            tags[d["ResourceArn"]] = tags_of(d)

    owned_balancers = {b["LoadBalancerArn"] for b in balancers if tags.get(b["LoadBalancerArn"], {}).get(key) == value}

    def mine(items, arn_key, extra):
        found = []
        for item in items:
            t = tags.get(item[arn_key], {})
            # a listener is part of its load balancer: listed with it, tagged or not
            if t.get(key) == value or (arn_key == "ListenerArn" and item["LoadBalancerArn"] in owned_balancers):
                found.append(dict({"id": item[arn_key], "resource": t.get("slipway.io/resource"), "tags": t},
                                  **extra(item)))
        return found

    owned = mine(balancers, "LoadBalancerArn", lambda b: {})
    return {
        # the attribute of each owned load balancer, as a resource of its own (its value is under load-balancer)
        "load-balancer-cross-zone": [{"id": b["id"] + "#cross-zone", "resource": None, "tags": {}} for b in owned],
        "load-balancer": mine(balancers, "LoadBalancerArn", lambda b: {
            "scheme": b.get("Scheme"), "type": b.get("Type"),
            "subnets": sorted(z["SubnetId"] for z in b.get("AvailabilityZones", [])),
            "securityGroups": sorted(b.get("SecurityGroups", [])), "dnsName": b.get("DNSName"),
            "crossZone": next((a["Value"] for a in elb.describe_load_balancer_attributes(
                LoadBalancerArn=b["LoadBalancerArn"])["Attributes"] if a["Key"] == "load_balancing.cross_zone.enabled"),
                None)}),
        "target-group": mine(groups, "TargetGroupArn", lambda g: {
            "protocol": g.get("Protocol"), "port": g.get("Port"), "vpc": g.get("VpcId"), "targetType": g.get("TargetType"),
            "healthCheck": "%s:%s" % (g.get("HealthCheckProtocol"), g.get("HealthCheckPort"))}),
        "listener": mine(listeners, "ListenerArn", lambda l: {
            "loadBalancer": l["LoadBalancerArn"], "protocol": l.get("Protocol"), "port": l.get("Port"),
            "targetGroups": [a.get("TargetGroupArn") for a in l.get("DefaultActions", [])]}),
    }


def made_for_cluster_by_others(tags, cluster_key):
    """Tagged kubernetes.io/cluster/<name>=owned by the cloud-controller-manager or the CSI driver, not by Slipway."""
    return tags.get(cluster_key) == "owned" and not any(k.startswith("slipway.io/") for k in tags)


def ccm_leftovers(ec2, elb, elbv2, cluster_key):
    """What the AWS cloud-controller-manager and the EBS CSI driver made for a cluster and may leave behind."""
    found = {}
    names = [b["LoadBalancerName"] for page in elb.get_paginator("describe_load_balancers").paginate()
             for b in page["LoadBalancerDescriptions"]]
    found["ccm-classic-load-balancer"] = []
    for i in range(0, len(names), 20):
        for d in elb.describe_tags(LoadBalancerNames=names[i:i + 20])["TagDescriptions"]:
            if made_for_cluster_by_others(tags_of(d), cluster_key):
                found["ccm-classic-load-balancer"].append({"id": d["LoadBalancerName"], "resource": None,
                                                           "tags": tags_of(d)})
    for kind, arns in (
            ("ccm-load-balancer", [b["LoadBalancerArn"] for page in elbv2.get_paginator("describe_load_balancers")
                                   .paginate() for b in page["LoadBalancers"]]),
            ("ccm-target-group", [g["TargetGroupArn"] for page in elbv2.get_paginator("describe_target_groups")
                                  .paginate() for g in page["TargetGroups"]])):
        found[kind] = []
        for i in range(0, len(arns), 20):
            for d in elbv2.describe_tags(ResourceArns=arns[i:i + 20])["TagDescriptions"]:
                if made_for_cluster_by_others(tags_of(d), cluster_key):
                    found[kind].append({"id": d["ResourceArn"], "resource": None, "tags": tags_of(d)})
    owned = [{"Name": "tag:" + cluster_key, "Values": ["owned"]}]
    tagged_groups = ec2.describe_security_groups(Filters=owned)["SecurityGroups"]
    ccm_groups = [g for g in tagged_groups if made_for_cluster_by_others(tags_of(g), cluster_key)]
    found["ccm-security-group"] = [entry(g, "GroupId") for g in ccm_groups]
    # rules of the cluster's groups naming a CCM group, or a group that is gone (moto, unlike AWS, lets a group that
    # rules name be deleted)
    existing = {g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"]}
    ccm_ids = {g["GroupId"] for g in ccm_groups}
    found["ccm-security-group-rule"] = [
        {"id": g["GroupId"] + "/" + pair["GroupId"], "resource": None, "tags": {}}
        for g in tagged_groups for p in g.get("IpPermissions", []) + g.get("IpPermissionsEgress", [])
        for pair in p.get("UserIdGroupPairs", [])
        if pair["GroupId"] != g["GroupId"] and (pair["GroupId"] in ccm_ids or pair["GroupId"] not in existing)]
    found["csi-volume"] = [entry(v, "VolumeId") for v in ec2.describe_volumes(Filters=owned)["Volumes"]
                           if v["State"] not in ("deleting", "deleted")
                           and made_for_cluster_by_others(tags_of(v), cluster_key)]
    return found


def route53_owned_by(r53, owner):
    """Names whose TXT record says heritage=slipway,slipway/owner=<owner>: Route53 records carry no tags."""
    found = []
    for page in r53.get_paginator("list_hosted_zones").paginate():
        for zone in page["HostedZones"]:
            zone_id = zone["Id"].split("/")[-1]
            records = [r for p in r53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone_id)
                       for r in p["ResourceRecordSets"]]
            for txt in (r for r in records if r["Type"] == "TXT"):
                for value in (v["Value"].strip('"') for v in txt.get("ResourceRecords", [])):
                    fields = dict(part.split("=", 1) for part in value.split(",") if "=" in part)
                    if fields.get("heritage") == "slipway" and fields.get("slipway/owner") == owner:
                        alias = next((r.get("AliasTarget") for r in records
                                      if r["Name"] == txt["Name"] and r["Type"] == "A"), None) or {}
                        found.append({"id": zone_id + "/" + txt["Name"], "resource": fields.get("slipway/resource"),
                                      "alias": alias.get("DNSName"), "aliasZone": alias.get("HostedZoneId"),
                                      "tags": {}})
    return found


def versions(s3, bucket, prefix=""):
    found = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=prefix):
        for version in page.get("Versions", []) + page.get("DeleteMarkers", []):
            found.append({"id": bucket + "/" + version["Key"] + "@" + str(version.get("VersionId")), "resource": None,
                          "tags": {}})
    return found


def iam_by_cluster(iam, cluster):
    path = "/slipway/" + cluster + "/"
    # moto ignores PathPrefix on ListInstanceProfiles: check the path of each
    roles = [r for page in iam.get_paginator("list_roles").paginate(PathPrefix=path) for r in page["Roles"]
             if r["Path"].startswith(path)]
    profiles = [p for page in iam.get_paginator("list_instance_profiles").paginate(PathPrefix=path)
                for p in page["InstanceProfiles"] if p["Path"].startswith(path)]
    policies = [r["RoleName"] + "/" + name for r in roles
                for page in iam.get_paginator("list_role_policies").paginate(RoleName=r["RoleName"])
                for name in page["PolicyNames"]]
    return {
        "iam-role": [{"id": r["RoleName"], "resource": None, "tags": {}} for r in roles],
        "iam-role-policy": [{"id": p, "resource": None, "tags": {}} for p in policies],
        "iam-instance-profile": [{"id": p["InstanceProfileName"], "resource": None, "tags": {}} for p in profiles],
        "iam-instance-profile-role": [{"id": p["InstanceProfileName"] + "/" + r["RoleName"], "resource": None, "tags": {}}
                                      for p in profiles for r in p.get("Roles", [])],
    }


def vpc_and_subnets(ec2, vpc_id):
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Vpcs"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    return {
        "vpc": [{"id": v["VpcId"], "cidr": v["CidrBlock"], "tags": tags_of(v)} for v in vpcs],
        "subnet": [{"id": s["SubnetId"], "cidr": s["CidrBlock"], "zone": s["AvailabilityZone"], "tags": tags_of(s)}
                   for s in subnets],
    }


def parser():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", help="the AWS endpoint, e.g. moto's http://127.0.0.1:PORT (hack/local.sh prints it)")
    parser.add_argument("--region", default="us-east-1",
                        help="the one region looked in (default us-east-1): give the Cluster's spec.region, or its "
                             "regional resources are not seen and the answer is empty")
    parser.add_argument("--tag", help="KEY=VALUE: what carries this tag, e.g. slipway.io/cluster=NAMESPACE/NAME or "
                                      "kubernetes.io/cluster/NAME=owned")
    parser.add_argument("--vpc", help="a VPC id: that VPC and its subnets")
    parser.add_argument("--bucket", help="an S3 bucket: its settings, tags and every object version")
    parser.add_argument("--prefix", default="", help="with --bucket: only the object versions under this prefix")
    parser.add_argument("--state-store", help="with --tag slipway.io/cluster=NS/NAME: also the object versions under "
                                              "NS/NAME/ in this shared state-store bucket")
    parser.add_argument("--serve", action="store_true",
                        help="answer requests {\"args\": [...], \"env\": {...}} read from stdin, one JSON line each")
    return parser


@functools.lru_cache(maxsize=64)
def client(service, endpoint, region, access_key, secret_key, session_token):
    config = Config(s3={"addressing_style": "path"}) if service == "s3" else None
    return boto3.client(service, endpoint_url=endpoint, region_name=region, config=config,
                        aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                        aws_session_token=session_token)


def inventory(args, environ):
    def aws(service):
        return client(service, args.endpoint, args.region, environ.get("AWS_ACCESS_KEY_ID", "testing"),
                      environ.get("AWS_SECRET_ACCESS_KEY", "testing"), environ.get("AWS_SESSION_TOKEN"))

    ec2 = aws("ec2")
    s3 = aws("s3")
    if args.tag:
        key, value = args.tag.split("=", 1)
        found = by_tag(ec2, key, value)
        found["s3-bucket"] = s3_buckets_by_tag(s3, key, value)
        found.update(s3_bucket_settings(s3, found["s3-bucket"]))
        found["s3-object-version"] = [v for b in found["s3-bucket"] for v in versions(s3, b["id"])]
        if args.state_store and key == "slipway.io/cluster":
            found["s3-object-version"] += versions(s3, args.state_store, value + "/")
        found.update(autoscaling_by_tag(aws("autoscaling"), key, value))
        found.update(elbv2_by_tag(aws("elbv2"), key, value))
        if key == "slipway.io/cluster":
            found.update(iam_by_cluster(aws("iam"), value))
            found["dns-record"] = route53_owned_by(aws("route53"), value)
            found.update(ccm_leftovers(ec2, aws("elb"), aws("elbv2"), "kubernetes.io/cluster/" + value.split("/", 1)[-1]))
        return found
    if args.bucket:
        return s3_bucket(s3, args.bucket, args.prefix)
    return vpc_and_subnets(ec2, args.vpc)


def serve():
    """One process answers many requests, so a test suite pays Python's and boto3's start-up once."""
    for line in sys.stdin:
        try:
            request = json.loads(line)
            environ = {**os.environ, **request.get("env", {})}
            answer = {"result": inventory(parser().parse_args(request["args"]), environ)}
        except (Exception, SystemExit) as e:
            answer = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(answer, sort_keys=True), flush=True)


def main():
    args = parser().parse_args()
    if args.serve:
        serve()
    else:
        print(json.dumps(inventory(args, os.environ), sort_keys=True))


if __name__ == "__main__":
    main()
