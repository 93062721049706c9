package io.slipway.aws.elb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * boto3, as a console user or another tool: makes hosted zones and records and changes things out of band, with
 * an implementation that shares no code with Slipway.
 */
final class Boto3Console {
    private final URI endpoint;

    Boto3Console(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Runs a few lines of Python with {@code ec2}, {@code elb} and {@code r53} clients defined; returns stdout. */
    String run(String python) {
        String script = String.join("\n",
                "import boto3, json, sys",
                "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='testing',"
                        + " aws_secret_access_key='testing')",
                "ec2 = boto3.client('ec2', **kw); elb = boto3.client('elbv2', **kw); r53 = boto3.client('route53', **kw)",
                python);
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("boto3 failed: " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a public hosted zone; returns its id (without /hostedzone/). */
    String createZone(String name) {
        return run("print(r53.create_hosted_zone(Name='" + name + "', CallerReference='" + name
                + "')['HostedZone']['Id'].split('/')[-1])");
    }

    /** {type: [values or alias DNS name]} of the records named {@code name} in the zone. */
    String records(String zoneId, String name) {
        return run("rs = r53.list_resource_record_sets(HostedZoneId='" + zoneId + "')['ResourceRecordSets']\n"
                + "out = {}\n"
                + "for r in rs:\n"
                + "    if r['Name'].rstrip('.') == '" + name + "'.rstrip('.'):\n"
                + "        out.setdefault(r['Type'], []).extend([r['AliasTarget']['DNSName']] if 'AliasTarget' in r"
                + " else [v['Value'] for v in r['ResourceRecords']])\n"
                + "print(json.dumps(out, sort_keys=True))");
    }
}
