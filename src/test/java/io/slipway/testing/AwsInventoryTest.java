package io.slipway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsKinds;
import io.slipway.cloud.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-service inventories: one entry per kind the engine registers, and, against moto, each service's
 * resources of a cluster counted, the same by the Java and the boto3 inventory, another cluster's left out.
 */
@ExtendWith(MotoExtension.class)
class AwsInventoryTest {
    private static final String DEMO = "prod/demo";
    private static final String OTHER = "prod/other";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    /** A kind the engine can create but the leak check cannot see would pass every teardown test unseen. */
    @Test
    void everyKindRegisteredInTheEngineHasAnInventoryEntry(AwsClientFactory factory, URI moto) {
        List<String> registered = AwsKinds.of(factory.session(AwsCredentialSource.operatorDefault())).inFindOrder()
                .stream().map(ResourceKind::name).toList();
        try (AwsInventory inventory = new AwsInventory(moto)) {
            assertThat(registered).isNotEmpty();
            assertThat(inventory.kinds()).containsAll(registered);
            // the kinds being added next (issue 7) are known already
            assertThat(inventory.kinds()).contains("IamRole", "IamInstanceProfile", "S3Bucket", "S3Object",
                    "LoadBalancer", "TargetGroup", "Listener", "HostedZone", "DnsRecord");
        }
    }

    @Test
    void countsEachServicesResourcesOfOneClusterAsBoto3Does(URI moto) {
        try (AwsInventory console = new AwsInventory(moto)) {
            makeClusterResources(console, DEMO, "demo");
            makeClusterResources(console, OTHER, "other");
            console.s3.createBucket(r -> r.bucket("state-store"));
            console.s3.putObject(r -> r.bucket("state-store").key(DEMO + "/bootstrap/nodes/bootstrap.json"), RequestBody.fromString("{}"));
            console.s3.putObject(r -> r.bucket("state-store").key(OTHER + "/bootstrap/nodes/bootstrap.json"), RequestBody.fromString("{}"));

            AwsInventory.Scope demo = new AwsInventory.Scope(DEMO, "state-store");
            Map<String, Integer> counts = new TreeMap<>();
            console.all(demo).forEach((kind, ids) -> counts.put(kind, ids.size()));

            assertThat(counts).containsAllEntriesOf(Map.of("IamRole", 1, "IamInstanceProfile", 1, "S3Bucket", 1,
                    // two versions and a delete marker in the cluster's bucket, one object under its state-store prefix
                    "S3Object", 4, "LoadBalancer", 1, "TargetGroup", 1, "Listener", 1, "DnsRecord", 2));
            assertThat(console.of("IamRole", demo)).containsExactly("demo-control-plane");
            assertThat(console.of("DnsRecord", demo)).allSatisfy(id -> assertThat(id).contains("api.demo.example.com."));

            JsonNode boto3 = Boto3Inventory.tagged(moto, DEMO, "state-store");
            Map<String, Integer> boto3Counts = new TreeMap<>();
            boto3.fields().forEachRemaining(e -> boto3Counts.put(e.getKey(), e.getValue().size()));
            assertThat(boto3Counts).containsAllEntriesOf(Map.of("iam-role", 1, "iam-instance-profile", 1, "s3-bucket", 1,
                    "s3-object-version", 4, "load-balancer", 1, "target-group", 1, "listener", 1,
                    // one entry per name: the alias, with its TXT ownership mark read beside it
                    "dns-record", 1));
        }
    }

    private static void makeClusterResources(AwsInventory console, String cluster, String name) {
        String path = "/slipway/" + cluster + "/";
        var ownership = software.amazon.awssdk.services.iam.model.Tag.builder().key("slipway.io/cluster").value(cluster).build();
        console.iam.createRole(r -> r.roleName(name + "-control-plane").path(path).assumeRolePolicyDocument(TRUST).tags(ownership));
        console.iam.createInstanceProfile(r -> r.instanceProfileName(name + "-control-plane").path(path));

        String bucket = "slipway-" + name + "-bootstrap";
        console.s3.createBucket(r -> r.bucket(bucket));
        console.s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(
                software.amazon.awssdk.services.s3.model.Tag.builder().key("slipway.io/cluster").value(cluster).build())));
        console.s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        console.s3.putObject(r -> r.bucket(bucket).key("bootstrap/nodes/bootstrap.json"), RequestBody.fromString("v1"));
        console.s3.putObject(r -> r.bucket(bucket).key("bootstrap/nodes/bootstrap.json"), RequestBody.fromString("v2"));
        console.s3.deleteObject(r -> r.bucket(bucket).key("bootstrap/nodes/bootstrap.json"));

        String vpc = console.ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetA = console.ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String subnetB = console.ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        var elbTag = software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key("slipway.io/cluster").value(cluster).build();
        String lb = console.elbv2.createLoadBalancer(r -> r.name(name + "-api").type(LoadBalancerTypeEnum.NETWORK)
                .subnets(subnetA, subnetB).tags(elbTag)).loadBalancers().get(0).loadBalancerArn();
        String tg = console.elbv2.createTargetGroup(r -> r.name(name + "-api").protocol(ProtocolEnum.TCP).port(443)
                .vpcId(vpc).tags(elbTag)).targetGroups().get(0).targetGroupArn();
        console.elbv2.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.TCP).port(443)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg)));

        String zonePath = console.route53.listHostedZonesByName(r -> r.dnsName("example.com.")).hostedZones().stream()
                .filter(z -> z.name().equals("example.com.")).map(z -> z.id()).findFirst()
                .orElseGet(() -> console.route53.createHostedZone(r -> r.name("example.com").callerReference("inventory-test"))
                        .hostedZone().id());
        String zone = zonePath.substring(zonePath.lastIndexOf('/') + 1);
        String record = "api." + name + ".example.com";
        console.route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                c -> c.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name(record).type(RRType.A).ttl(60L)
                        .resourceRecords(v -> v.value("192.0.2.10"))),
                c -> c.action(ChangeAction.CREATE).resourceRecordSet(s -> s.name(record).type(RRType.TXT).ttl(60L)
                        .resourceRecords(v -> v.value("\"heritage=slipway,slipway/owner=" + cluster + "\""))))));
        // a record nobody owns in the same zone
        console.route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                c -> c.action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name("www.example.com").type(RRType.A).ttl(60L)
                        .resourceRecords(v -> v.value("192.0.2.20"))))));
        assertThat(Set.of(lb, tg)).hasSize(2);
    }
}
