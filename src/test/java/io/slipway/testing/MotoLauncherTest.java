package io.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * hack/moto-server.py fixes moto's CreateLaunchTemplateVersion (UserData form, SourceVersion), DescribeTags of deleted
 * resources and DeleteSubnet of a subnet that holds network interfaces.
 */
@ExtendWith(MotoExtension.class)
class MotoLauncherTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void autoScalingGroupLaunchesFromAVersionWithUserDataAndSourceVersion(AwsClientFactory factory) {
        AwsSession aws = factory.session(AwsCredentialSource.operatorDefault());
        Ec2Client ec2 = aws.ec2();
        AutoScalingClient asg = aws.autoScaling();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String ami = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();

        String template = ec2.createLaunchTemplate(r -> r.launchTemplateName("nodes")
                .launchTemplateData(d -> d.imageId(ami).instanceType("t3.micro").userData(base64("#!/bin/sh\necho v1\n"))))
                .launchTemplate().launchTemplateId();
        // Only the user data changes; image and type must come from version 1.
        long version = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(template).sourceVersion("1")
                .launchTemplateData(d -> d.userData(base64("#!/bin/sh\necho v2\n"))))
                .launchTemplateVersion().versionNumber();
        assertThat(version).isEqualTo(2);

        ResponseLaunchTemplateData v2 = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(template).versions("2"))
                .launchTemplateVersions().get(0).launchTemplateData();
        assertThat(v2.imageId()).isEqualTo(ami);
        assertThat(v2.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(v2.userData()).isEqualTo(base64("#!/bin/sh\necho v2\n"));

        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("nodes").minSize(2).maxSize(2).desiredCapacity(2)
                .vpcZoneIdentifier(subnet)
                .launchTemplate(lt -> lt.launchTemplateId(template).version(String.valueOf(version))));

        AutoScalingGroup group = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("nodes")).autoScalingGroups().get(0);
        assertThat(group.instances()).hasSize(2);
        List<Instance> instances = ec2.describeInstances(r -> r.instanceIds(group.instances().get(0).instanceId()))
                .reservations().get(0).instances();
        assertThat(instances.get(0).imageId()).isEqualTo(ami);
        String userData = ec2.describeInstanceAttribute(r -> r.instanceId(instances.get(0).instanceId())
                .attribute(InstanceAttributeName.USER_DATA)).userData().value();
        assertThat(userData).isEqualTo(base64("#!/bin/sh\necho v2\n"));
    }

    @Test
    void describeTagsForgetsDeletedResourcesAsAwsDoes(AwsClientFactory factory) {
        Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
        String kept = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        String deleted = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
        ec2.createTags(r -> r.resources(kept, deleted).tags(t -> t.key("launcher-test").value("x")));
        ec2.deleteVpc(r -> r.vpcId(deleted));

        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("key").values("launcher-test"))).tags())
                .extracting(t -> t.resourceId()).containsExactly(kept);
    }

    @Test
    void aSubnetHoldingANetworkInterfaceIsNotDeletedAsOnAws(AwsClientFactory factory) {
        Ec2Client ec2 = factory.session(AwsCredentialSource.operatorDefault()).ec2();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.3.1.0/24")).subnet().subnetId();
        String eni = ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();

        Ec2Exception refused = org.assertj.core.api.Assertions.catchThrowableOfType(Ec2Exception.class,
                () -> ec2.deleteSubnet(r -> r.subnetId(subnet)));
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("DependencyViolation");

        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
        ec2.deleteSubnet(r -> r.subnetId(subnet));
        assertThat(ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets()).isEmpty();
    }
}
