package io.slipway.aws;

import io.slipway.aws.autoscaling.AutoScalingKinds;
import io.slipway.aws.ccm.CcmKinds;
import io.slipway.aws.ec2.Ec2NetworkKinds;
import io.slipway.aws.s3.S3Kinds;
import io.slipway.aws.iam.IamKinds;
import io.slipway.aws.elb.ElbKinds;
import io.slipway.aws.route53.Route53Kinds;
import io.slipway.aws.ec2.NetworkInterfaceBlockers;
import io.slipway.cloud.BlockerLookup;
import io.slipway.cloud.ApplyPool;
import io.slipway.cloud.Engine;
import io.slipway.cloud.FailureClassifier;
import io.slipway.cloud.Kinds;
import io.slipway.cloud.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every AWS resource kind Slipway manages, across services, in find order (each kind after the kinds it reads),
 * and engines over them for one session (one account and region).
 */
public final class AwsKinds {
    private AwsKinds() {
    }

    public static Kinds of(AwsSession session) {
        return of(session, Optional.empty());
    }

    /** {@code stateStoreBucket}: the operator's {@code slipway.state-store.bucket}, if set. */
    public static Kinds of(AwsSession session, Optional<String> stateStoreBucket) {
        List<ResourceKind<?, ?>> kinds = new ArrayList<>(Ec2NetworkKinds.list(session.ec2()));
        kinds.addAll(S3Kinds.list(session.s3(), session::accountId, stateStoreBucket));
        kinds.addAll(IamKinds.list(session.iam()));
        kinds.addAll(ElbKinds.list(session.elbv2()));
        kinds.addAll(Route53Kinds.list(session.route53()));
        kinds.addAll(AutoScalingKinds.list(session.ec2(), session.autoScaling()));
        // delete-only: what the cloud-controller-manager and the CSI driver made, found for the Cluster's teardown alone
        kinds.addAll(CcmKinds.list(session.ec2(), session.elb(), session.elbv2()));
        return Kinds.of(kinds);
    }

    /** How failures of any of these kinds' calls are classified. */
    public static FailureClassifier classifier() {
        return new AwsFailureClassifier();
    }

    /** Names what holds deletes a teardown could not do (network interfaces of others in the network). */
    public static BlockerLookup blockers(AwsSession session) {
        return new NetworkInterfaceBlockers(session.ec2());
    }

    /** An engine whose changes run on the operator's shared pool. */
    public static Engine engine(AwsSession session, ApplyPool pool) {
        return engine(session, pool, Optional.empty());
    }

    public static Engine engine(AwsSession session, ApplyPool pool, Optional<String> stateStoreBucket) {
        return new Engine(of(session, stateStoreBucket), classifier(), pool, blockers(session));
    }
}
