package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** The IAM roles and instance profiles of the cluster's instances, as found in AWS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IamStatus {
    @JsonPropertyDescription("One entry per instance-group role in use (ControlPlane, Node, Bastion) whose IAM role or instance profile exists.")
    public List<IamRoleStatus> roles = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class IamRoleStatus {
        @JsonPropertyDescription("The instance-group role: ControlPlane, Node or Bastion.")
        public String role;

        @JsonPropertyDescription("Name of the IAM role its instances run with.")
        public String roleName;

        @JsonPropertyDescription("ARN of that IAM role.")
        public String roleARN;

        @JsonPropertyDescription("Name of the instance profile that holds the role (what the launch templates name).")
        public String instanceProfileName;

        @JsonPropertyDescription("ARN of that instance profile.")
        public String instanceProfileARN;
    }
}
