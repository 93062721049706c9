package io.slipway.aws.ec2;

import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The two DNS attributes of a VPC. EC2 reads and sets one attribute per call, so each is a kind of its own: one
 * DescribeVpcAttribute to find, one ModifyVpcAttribute to create or put back.
 */
public enum VpcDnsAttribute {
    SUPPORT("VpcDnsSupport", "dns-support", "enableDnsSupport", VpcAttributeName.ENABLE_DNS_SUPPORT,
            r -> r.enableDnsSupport().value(), ModifyVpcAttributeRequest.Builder::enableDnsSupport),
    HOSTNAMES("VpcDnsHostnames", "dns-hostnames", "enableDnsHostnames", VpcAttributeName.ENABLE_DNS_HOSTNAMES,
            r -> r.enableDnsHostnames().value(), ModifyVpcAttributeRequest.Builder::enableDnsHostnames);

    private final String kindName;
    private final String suffix;
    private final String field;
    private final VpcAttributeName name;
    private final Function<DescribeVpcAttributeResponse, Boolean> value;
    private final BiConsumer<ModifyVpcAttributeRequest.Builder, AttributeBooleanValue> setter;

    VpcDnsAttribute(String kindName, String suffix, String field, VpcAttributeName name,
                    Function<DescribeVpcAttributeResponse, Boolean> value,
                    BiConsumer<ModifyVpcAttributeRequest.Builder, AttributeBooleanValue> setter) {
        this.kindName = kindName;
        this.suffix = suffix;
        this.field = field;
        this.name = name;
        this.value = value;
        this.setter = setter;
    }

    public String kindName() {
        return kindName;
    }

    /** The attribute's logical id beside its VPC's: {@code <vpc>/dns-support}, {@code <vpc>/dns-hostnames}. */
    public String logicalIdFor(String vpcLogicalId) {
        return vpcLogicalId + "/" + suffix;
    }

    /** The cloud id of the attribute of a VPC: {@code <vpc id>#dns-support}. */
    public String cloudIdFor(String vpcId) {
        return vpcId + "#" + suffix;
    }

    /** The field name in diffs (the API's). */
    String field() {
        return field;
    }

    VpcAttributeName apiName() {
        return name;
    }

    boolean valueOf(DescribeVpcAttributeResponse response) {
        return Boolean.TRUE.equals(value.apply(response));
    }

    void set(ModifyVpcAttributeRequest.Builder request, boolean enabled) {
        setter.accept(request, AttributeBooleanValue.builder().value(enabled).build());
    }
}
