#!/usr/bin/env python3
"""Lists the EC2 network resources that carry a tag, as JSON: an inspector independent of Slipway's own code.

Usage: hack/aws-inventory.py --endpoint http://127.0.0.1:PORT [--region us-east-1] --tag slipway.io/cluster=ns/name
       hack/aws-inventory.py --endpoint ... --vpc vpc-123      (a VPC and its subnets, e.g. to check a BYO network)

Output (tag mode): {"vpc": [{"id": ..., "resource": <slipway.io/resource tag>, "tags": {...}}, ...], "subnet": [...],
"internet-gateway", "elastic-ip", "natgateway" (pending/available only), "route-table", "security-group"}
"""
import argparse
import json
import os

import boto3


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
    args = parser.parse_args()
    ec2 = boto3.client("ec2", endpoint_url=args.endpoint, region_name=args.region,
                       aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                       aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"))
    if args.tag:
        key, value = args.tag.split("=", 1)
        print(json.dumps(by_tag(ec2, key, value), sort_keys=True))
    else:
        print(json.dumps(vpc_and_subnets(ec2, args.vpc), sort_keys=True))


if __name__ == "__main__":
    main()
