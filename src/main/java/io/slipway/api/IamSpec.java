package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IamSpec {
    @Pattern("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$")
    @JsonPropertyDescription("ARN of an IAM policy set as permissions boundary on every role Slipway creates. Default: none.")
    public String permissionsBoundary;

    @Size(max = 3)
    @ValidationRule(value = "self.all(k, k in ['controlPlane', 'node', 'bastion'])",
            message = "additionalPolicies keys are controlPlane, node and bastion")
    @JsonPropertyDescription("Extra IAM policy statements (a JSON array, as in kops) per role: controlPlane, node, bastion.")
    public Map<String, String> additionalPolicies = new LinkedHashMap<>();
}
