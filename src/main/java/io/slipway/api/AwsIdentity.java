package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** How the operator authenticates to AWS for one cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.roleARN) && has(self.secretRef))", message = "set either roleARN or secretRef, not both")
@ValidationRule(value = "!has(self.externalID) || has(self.roleARN)", message = "externalID needs roleARN", fieldPath = ".externalID")
public class AwsIdentity {
    @Pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")
    @JsonPropertyDescription("ARN of an IAM role to assume with the operator's credentials; the session is named slipway-<namespace>-<name>. Not with secretRef.")
    public String roleARN;

    @JsonPropertyDescription("External id to pass when assuming roleARN; needs roleARN.")
    public String externalID;

    @JsonPropertyDescription("Secret in the Cluster's namespace with static keys: accessKeyID, secretAccessKey and optionally sessionToken. Not with roleARN.")
    public SecretReference secretRef;
}
