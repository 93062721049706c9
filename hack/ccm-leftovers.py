#!/usr/bin/env python3
"""Makes in AWS (moto) what the AWS cloud-controller-manager and the EBS CSI driver make for a cluster, with boto3
and their tags, so that a Cluster delete can be tried against them; and, beside them, what it must leave alone: the
same kinds tagged for another cluster, and tagged `shared` for this one.

Usage: hack/ccm-leftovers.py --endpoint http://127.0.0.1:PORT --cluster NAME --vpc vpc-1 --subnets subnet-1,subnet-2
                             --node-group sg-1 [--region us-east-1] [--attach-to i-123]

For the cluster (`kubernetes.io/cluster/NAME=owned`, `kubernetes.io/service-name`, as the CCM tags them):
- a classic ELB for Service default/web (the CCM's default) in the subnets, with its group k8s-elb-<lb name>;
- a network load balancer for Service default/api with its group, a target group k8s-default-api-<hash> and a TCP
  listener forwarding to it;
- on the nodes' group (--node-group), an ingress rule from each of those two groups, as the CCM adds them;
- two volumes as the CSI driver makes them (`KubernetesCluster`, `CSIVolumeName`); with --attach-to, the second is
  attached to that instance.
Alone: a volume, a group (in a VPC of its own) and a classic ELB tagged for cluster `other`, and a volume, a group and a
network load balancer tagged `kubernetes.io/cluster/NAME=shared`.

Prints {"cluster": {kind: [ids]}, "alone": {kind: [ids]}} (kinds: classic-load-balancer (names), load-balancer,
target-group (ARNs), security-group, volume (ids), security-group-rule ("<group>/<source group>")).
"""
import argparse
import hashlib
import json

import boto3


def tags(cluster, value, service=None, extra=None):
    t = {"kubernetes.io/cluster/" + cluster: value}
    if service:
        t["kubernetes.io/service-name"] = service
    t.update(extra or {})
    return [{"Key": k, "Value": v} for k, v in t.items()]


def lb_name(service):
    # the CCM names a Service's load balancer "a" + its uid without dashes, cut to 32
    return ("a" + hashlib.sha256(service.encode()).hexdigest())[:32]


def group(ec2, vpc, name, tag_list):
    return ec2.create_security_group(GroupName=name, Description="Security group for Kubernetes ELB " + name,
                                     VpcId=vpc, TagSpecifications=[{"ResourceType": "security-group",
                                                                    "Tags": tag_list}])["GroupId"]


def classic(elb, ec2, vpc, subnets, cluster, value, service):
    name = lb_name(cluster + "/" + value + "/" + service)
    sg = group(ec2, vpc, "k8s-elb-" + name, tags(cluster, value, service))
    elb.create_load_balancer(LoadBalancerName=name, Subnets=subnets, SecurityGroups=[sg],
                             Listeners=[{"Protocol": "TCP", "LoadBalancerPort": 80, "InstanceProtocol": "TCP",
                                         "InstancePort": 30080}], Tags=tags(cluster, value, service))
    return name, sg


def network(elbv2, ec2, vpc, subnets, cluster, value, service):
    name = lb_name(cluster + "/" + value + "/" + service)
    sg = group(ec2, vpc, "k8s-elb-" + name, tags(cluster, value, service))
    lb = elbv2.create_load_balancer(Name=name, Type="network", Scheme="internet-facing", Subnets=subnets,
                                    SecurityGroups=[sg], Tags=tags(cluster, value, service))["LoadBalancers"][0]
    namespace, svc = service.split("/")
    tg_name = "k8s-%s-%s-%s" % (namespace[:8], svc[:8], hashlib.sha256(name.encode()).hexdigest()[:10])
    tg = elbv2.create_target_group(Name=tg_name, Protocol="TCP", Port=30443, VpcId=vpc, TargetType="instance",
                                   Tags=tags(cluster, value, service))["TargetGroups"][0]
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="TCP", Port=443,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    return lb["LoadBalancerArn"], tg["TargetGroupArn"], sg


def volume(ec2, zone, cluster, value, pvc):
    return ec2.create_volume(AvailabilityZone=zone, Size=10, VolumeType="gp3", TagSpecifications=[{
        "ResourceType": "volume", "Tags": tags(cluster, value, extra={
            "KubernetesCluster": cluster, "CSIVolumeName": pvc, "ebs.csi.aws.com/cluster": "true"})}])["VolumeId"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--cluster", required=True)
    parser.add_argument("--vpc", required=True)
    parser.add_argument("--subnets", required=True)
    parser.add_argument("--node-group", required=True)
    parser.add_argument("--attach-to")
    args = parser.parse_args()
    clients = {"endpoint_url": args.endpoint, "region_name": args.region, "aws_access_key_id": "testing",
               "aws_secret_access_key": "testing"}
    ec2 = boto3.client("ec2", **clients)
    elb = boto3.client("elb", **clients)
    elbv2 = boto3.client("elbv2", **clients)
    subnets = args.subnets.split(",")
    zone = ec2.describe_subnets(SubnetIds=subnets[:1])["Subnets"][0]["AvailabilityZone"]
    c = args.cluster

    web, web_sg = classic(elb, ec2, args.vpc, subnets, c, "owned", "default/web")
    api, api_tg, api_sg = network(elbv2, ec2, args.vpc, subnets, c, "owned", "default/api")
    rules = []
    for source, protocol, ports in ((web_sg, "-1", {}), (api_sg, "tcp", {"FromPort": 30443, "ToPort": 30443})):
        ec2.authorize_security_group_ingress(GroupId=args.node_group, IpPermissions=[dict(
            {"IpProtocol": protocol, "UserIdGroupPairs": [{"GroupId": source}]}, **ports)])
        rules.append(args.node_group + "/" + source)
    volumes = [volume(ec2, zone, c, "owned", "pvc-data-0"), volume(ec2, zone, c, "owned", "pvc-data-1")]
    if args.attach_to:
        ec2.attach_volume(VolumeId=volumes[1], InstanceId=args.attach_to, Device="/dev/xvdba")

    # what must stay: another cluster's, and this cluster's shared ones (in a VPC of their own: a group in the
    # cluster's VPC would keep it from being deleted)
    other_vpc = ec2.create_vpc(CidrBlock="10.199.0.0/16")["Vpc"]["VpcId"]
    other_subnet = ec2.create_subnet(VpcId=other_vpc, CidrBlock="10.199.1.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
    other_web, other_sg = classic(elb, ec2, other_vpc, [other_subnet], "other", "owned", "default/web")
    shared_api, shared_tg, shared_sg = network(elbv2, ec2, other_vpc, [other_subnet], c, "shared", "default/api")
    alone = {
        "classic-load-balancer": [other_web],
        "load-balancer": [shared_api],
        "target-group": [shared_tg],
        "security-group": [other_sg, shared_sg],
        "volume": [volume(ec2, zone, "other", "owned", "pvc-other"), volume(ec2, zone, c, "shared", "pvc-shared")],
    }
    print(json.dumps({
        "cluster": {"classic-load-balancer": [web], "load-balancer": [api], "target-group": [api_tg],
                    "security-group": [web_sg, api_sg], "security-group-rule": rules, "volume": volumes},
        "alone": alone}, sort_keys=True))


if __name__ == "__main__":
    main()
