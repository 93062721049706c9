package io.slipway.aws.ec2;

import io.slipway.aws.AwsFailureClassifier;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Kinds;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;

/** The EC2 network kinds, in find order, and an engine over them. */
public final class Ec2NetworkKinds {
    /** Default number of changes applied at once (EC2 mutation limits are ~5/s per account anyway). */
    public static final int DEFAULT_PARALLELISM = 4;

    private Ec2NetworkKinds() {
    }

    public static Kinds of(Ec2Client ec2) {
        return Kinds.of(list(ec2));
    }

    /** The kinds in find order, for a registry across services. */
    public static List<ResourceKind<?, ?>> list(Ec2Client ec2) {
        return List.of(
                new VpcKind(ec2),
                new VpcDnsAttributeKind(ec2, VpcDnsAttribute.SUPPORT),
                new VpcDnsAttributeKind(ec2, VpcDnsAttribute.HOSTNAMES),
                new InternetGatewayKind(ec2),
                new InternetGatewayAttachmentKind(ec2),
                new SubnetKind(ec2),
                new ElasticIpKind(ec2),
                new NatGatewayKind(ec2),
                new RouteTableKind(ec2),
                new RouteKind(ec2),
                new RouteTableAssociationKind(ec2),
                new SecurityGroupKind(ec2),
                new SecurityGroupRuleKind(ec2));
    }

    /** An engine for one EC2 client (one account and region). */
    public static Engine engine(Ec2Client ec2) {
        return engine(ec2, DEFAULT_PARALLELISM);
    }

    public static Engine engine(Ec2Client ec2, int parallelism) {
        return new Engine(of(ec2), new AwsFailureClassifier(), parallelism, new NetworkInterfaceBlockers(ec2));
    }
}
