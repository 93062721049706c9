package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
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
    public Integer size;

    @Default("gp3")
    @SchemaFrom(type = VolumeType.class)

    public String type;

    @Min(100)
    @Max(256000)
    public Integer iops;

    @Min(125)
    @Max(2000)
    public Integer throughput;

    @Default("true")
    public Boolean encrypted;

    @Pattern("^(arn:aws[a-z-]*:kms:.+|[0-9a-f-]{36}|alias/.+)$")
    public String kmsKeyId;

    public enum VolumeType { gp2, gp3, io1, io2, st1, sc1, standard }
}
