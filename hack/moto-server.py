#!/usr/bin/env python3
"""Start moto's server (5.2.x) with Slipway's fixes for launch-template versions.

moto's CreateLaunchTemplateVersion stores UserData as a plain string, while the launch code expects the
Base64EncodedString that CreateLaunchTemplate stores: an ASG launch from such a version answers HTTP 500.
It also ignores SourceVersion. Both are patched below.

moto's DeleteNatGateway keeps the gateway's network interface and Elastic IP association, so the address can
never be used by a new NAT gateway; AWS frees both once the gateway is deleted. Patched below as well.

moto keeps the tags of a deleted EC2 resource, so DescribeTags goes on listing resources that are gone; AWS drops
a resource's tags with it. Patched below: DescribeTags leaves out resources that no longer exist.

moto's DeleteSubnet deletes a subnet that still holds network interfaces; AWS refuses with DependencyViolation
(what a Service load balancer or a stray instance does to a cluster's teardown). Patched below.
moto keeps the primary network interface of a terminated instance, in use, so the subnet of any instance an auto
scaling group ever launched can never be deleted; AWS deletes the interface it made at launch with the instance.
Patched below.

moto's launch templates report the tags they had when constructed, read before the template is registered, so
DescribeLaunchTemplates (and the create's answer) show none, although tag filters find them. Patched below: a
template's tags are read when described, as AWS answers.
moto answers DeleteLaunchTemplateVersions with HTTP 500 (not implemented), and numbers a template's versions by their
position in a list, so none could be taken out. Patched below: versions are found by number, a new one gets the
next number never used (AWS never reuses one), and DeleteLaunchTemplateVersions deletes the versions named,
refusing the default version, as AWS does.
moto's images stop at Ubuntu 16.04: Canonical's Ubuntu 24.04 image is added (see below).
Everything else is moto as installed.

Usage: hack/moto-server.py [-H 127.0.0.1] [-p PORT]   (same arguments as `python3 -m moto.server`)
"""
import contextvars
import sys

from moto import server
from moto.ec2.models import EC2Backend
from moto.ec2.models.amis import AMIS
from moto.ec2.models.instances import Instance
from moto.ec2.models.launch_templates import LaunchTemplate
from moto.ec2.models.nat_gateways import NatGatewayBackend
from moto.ec2.models.subnets import SubnetBackend
from moto.ec2.exceptions import DependencyViolationError, InvalidLaunchTemplateVersionNotFound
from moto.ec2.models.launch_templates import LaunchTemplateVersion
from moto.core.responses import ActionResult
from moto.ec2.responses.launch_templates import LaunchTemplates
from moto.ec2.utils import parse_user_data

_source_version = contextvars.ContextVar("source_version", default=None)
_original_create_version = LaunchTemplate.create_version
_original_create_version_response = LaunchTemplates.create_launch_template_version


def create_version(self, data, description):
    source = _source_version.get()
    if source is not None:
        # AWS: the new version inherits the source's parameters, except those given in LaunchTemplateData.
        data = {**self.get_version(source).data, **data}
    if isinstance(data.get("UserData"), str):
        data = {**data, "UserData": parse_user_data(data["UserData"])}
    if not self.versions:  # the template's first version, made by its constructor
        return _original_create_version(self, data, description)
    number = max(getattr(self, "_slipway_latest_number", 0), self.versions[-1].number) + 1
    self._slipway_latest_number = number
    version = LaunchTemplateVersion(self, number, data, description)
    self.versions.append(version)
    return version


def get_version(self, num):
    if str(num).lower() == "$latest":
        return self.versions[-1]
    if str(num).lower() == "$default":
        num = self.default_version_number
    for version in self.versions:
        if str(version.number) == str(num):
            return version
    raise InvalidLaunchTemplateVersionNotFound(template_id=self.id, version=num)


def default_version(self):
    return self.get_version(self.default_version_number)


LaunchTemplate.get_version = get_version
LaunchTemplate.default_version = default_version


def delete_launch_template_versions(self):
    template_id = self._get_param("LaunchTemplateId")
    template_name = self._get_param("LaunchTemplateName")
    self.error_on_dryrun()
    if template_id:
        template = self.ec2_backend.get_launch_template(template_id)
    else:
        template = self.ec2_backend.get_launch_template_by_name(template_name)
    deleted, refused = [], []
    for number in self._get_param("Versions", []):
        item = {"LaunchTemplateId": template.id, "LaunchTemplateName": template.name, "VersionNumber": int(number)}
        version = next((v for v in template.versions if str(v.number) == str(number)), None)
        if version is None:
            refused.append({**item, "ResponseError": {"Code": "launchTemplateVersionDoesNotExist",
                                                      "Message": f"The specified launch template version {number} does not exist."}})
        elif template.is_default(version):
            refused.append({**item, "ResponseError": {"Code": "unexpectedError",
                                                      "Message": "You cannot delete the default version of a launch template."}})
        else:
            template._slipway_latest_number = max(getattr(template, "_slipway_latest_number", 0), template.versions[-1].number)
            template.versions.remove(version)
            deleted.append(item)
    return ActionResult({"SuccessfullyDeletedLaunchTemplateVersions": deleted,
                         "UnsuccessfullyDeletedLaunchTemplateVersions": refused})


LaunchTemplates.delete_launch_template_versions = delete_launch_template_versions


def create_launch_template_version(self):
    token = _source_version.set(self._get_param("SourceVersion"))
    try:
        return _original_create_version_response(self)
    finally:
        _source_version.reset(token)


LaunchTemplate.create_version = create_version
LaunchTemplates.create_launch_template_version = create_launch_template_version

_original_delete_nat_gateway = NatGatewayBackend.delete_nat_gateway


def delete_nat_gateway(self, nat_gateway_id):
    nat_gateway = _original_delete_nat_gateway(self, nat_gateway_id)
    eni = getattr(nat_gateway, "_eni", None)
    if eni is not None and not getattr(nat_gateway, "_slipway_released", False):
        for address in list(self.addresses):
            if address.eni is eni:
                self.disassociate_address(address=address.public_ip)
        self.delete_network_interface(eni.id)
        nat_gateway._slipway_released = True
    return nat_gateway


NatGatewayBackend.delete_nat_gateway = delete_nat_gateway

_original_describe_tags = EC2Backend.describe_tags


def _exists(backend, resource_id):
    try:
        if resource_id.startswith("eipalloc-"):  # do_resources_exist does not know addresses: a released one is gone
            return any(address.allocation_id == resource_id for address in backend.addresses)
        return backend.do_resources_exist([resource_id])
    except Exception:  # moto's InvalidID errors: the resource was deleted
        return False


def describe_tags(self, filters=None):
    # moto serves each request on a thread of its own and is not thread-safe: a tag written by one request while
    # another iterates the tags fails that one with "dictionary changed size during iteration" (a 500 to the client,
    # which AWS never answers to a read). The read is taken again; tags change far less often than they are read.
    for attempt in range(10):
        try:
            tags = _original_describe_tags(self, filters)
            break
        except RuntimeError:
            if attempt == 9:
                raise
    return [tag for tag in tags if _exists(self, tag["resource_id"])]


EC2Backend.describe_tags = describe_tags

_original_delete_subnet = SubnetBackend.delete_subnet


def delete_subnet(self, subnet_id):
    if any(eni.subnet.id == subnet_id for eni in self.enis.values()):
        raise DependencyViolationError(f"The subnet '{subnet_id}' has dependencies and cannot be deleted.")
    return _original_delete_subnet(self, subnet_id)


SubnetBackend.delete_subnet = delete_subnet


_original_terminate = Instance.terminate


def terminate(self):
    primary = self.nics.get(0)
    if primary is not None:
        primary.delete_on_termination = True
    return _original_terminate(self)


Instance.terminate = terminate


def _launch_template_tags(self):
    return [{"Key": key, "Value": value} for key, value in sorted(self.ec2_backend.tags.get(self.id, {}).items())]


# the constructor assigns self.tags once; the property ignores that and always answers the current tags
LaunchTemplate.tags = property(_launch_template_tags, lambda self, value: None)

# moto's images are few and old (nothing newer than Ubuntu 16.04): add Canonical's Ubuntu 24.04 (Noble) image, as
# published under Canonical's account, so that kops-style image filters such as the examples'
# 099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-* resolve. Loaded in every region.
AMIS.append({
    "ami_id": "ami-0b5c1a7d3e2f40911",
    "name": "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251001",
    "description": "Canonical, Ubuntu, 24.04, amd64 noble image",
    "owner_id": "099720109477",
    "public": True,
    "state": "available",
    "architecture": "x86_64",
    "virtualization_type": "hvm",
    "hypervisor": "xen",
    "image_type": "machine",
    "root_device_type": "ebs",
    "root_device_name": "/dev/sda1",
    "sriov": "simple",
    "platform": None,
})

if __name__ == "__main__":
    args = sys.argv[1:]
    if "-H" not in args and "--host" not in args:
        args = ["-H", "127.0.0.1", *args]
    server.main(args)
