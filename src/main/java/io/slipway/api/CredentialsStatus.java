package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Where the cluster's credentials are kept and when they expire; never a secret value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialsStatus {
    @JsonPropertyDescription("The Secrets in the Cluster's namespace that hold the cluster's CAs, service-account key, "
            + "bootstrap token and admin client certificate, with what each is for and when it expires.")
    public List<CredentialSecretStatus> secrets = new ArrayList<>();

    @JsonPropertyDescription("Name of the Secret holding the admin kubeconfig under the key value (as Cluster API names "
            + "it); absent while the API endpoint is not known.")
    public String kubeconfigSecret;

    @JsonPropertyDescription("Value of the annotation slipway.io/rotate-ca that the last CA rotation handled; set the "
            + "annotation to a new value to rotate the CAs once (the admin certificate is re-issued by the new cluster CA).")
    public String lastHandledCARotation;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CredentialSecretStatus {
        @JsonPropertyDescription("Name of the Secret.")
        public String name;

        @JsonPropertyDescription("What it holds: cluster-ca, etcd-ca, front-proxy-ca, service-account-key, "
                + "bootstrap-token or admin-client-certificate.")
        public String purpose;

        @JsonPropertyDescription("When its certificate (notAfter) or token expires, RFC 3339 in UTC; absent for the "
                + "service-account key, which does not expire.")
        public String notAfter;
    }
}
