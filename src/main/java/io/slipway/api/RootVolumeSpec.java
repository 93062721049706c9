package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.iops) || self.type in ['gp3', 'io1', 'io2']", message = "iops applies to gp3, io1 and io2 volumes", fieldPath = ".iops")
@ValidationRule(value = "!has(self.throughput) || self.type == 'gp3'", message = "throughput applies to gp3 volumes", fieldPath = ".throughput")
@ValidationRule(value = "!has(self.kmsKeyId) || !has(self.encrypted) || self.encrypted", message = "kmsKeyId needs encrypted: true", fieldPath = ".kmsKeyId")
public class RootVolumeSpec {
    @Min(8)
    @Max(16384)
    @JsonPropertyDescription("Size in GiB, 8-16384. Default: the image's root volume size.")
    public Integer size;

    @Default(SpecDefaults.ROOT_VOLUME_TYPE)
    @SchemaFrom(type = VolumeType.class)
    @JsonPropertyDescription("EBS volume type: gp2, gp3, io1, io2, st1, sc1 or standard; st1 and sc1 cannot boot. Default: " + SpecDefaults.ROOT_VOLUME_TYPE + ".")
    public String type;

    @Min(100)
    @Max(256000)
    @JsonPropertyDescription("Provisioned IOPS, 100-256000: gp3 (3000 and up), io1 and io2 (required) only. Default: the type's baseline, 3000 for gp3.")
    public Integer iops;

    @Min(125)
    @Max(2000)
    @JsonPropertyDescription("Throughput in MiB/s, 125-2000, at most iops/4; gp3 only. Default: the gp3 baseline, 125.")
    public Integer throughput;

    @Default("" + SpecDefaults.ROOT_VOLUME_ENCRYPTED)
    @JsonPropertyDescription("Encrypt the volume. Default: " + SpecDefaults.ROOT_VOLUME_ENCRYPTED + ".")
    public Boolean encrypted;

    @Pattern("^(arn:aws[a-z-]*:kms:.+|[0-9a-f-]{36}|alias/.+)$")
    @JsonPropertyDescription("KMS key to encrypt with: ARN in the Cluster's region, key id or alias/name; needs encrypted. Default: the account's EBS default key.")
    public String kmsKeyId;

    public enum VolumeType { gp2, gp3, io1, io2, st1, sc1, standard }
}
