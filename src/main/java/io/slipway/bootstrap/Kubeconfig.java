package io.slipway.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The admin kubeconfig of a cluster: one cluster, one user (client certificate), one context named after the
 * cluster and current. Built on Fabric8's kubeconfig model and written as YAML by Jackson.
 */
public final class Kubeconfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private Kubeconfig() {
    }

    /** The YAML; the same inputs give the same text. */
    public static String render(String clusterName, String serverUrl, String caCertificatePem, CertifiedKey client) {
        String user = clusterName + "-admin";
        Config config = new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .addNewCluster()
                    .withName(clusterName)
                    .withNewCluster()
                        .withServer(serverUrl)
                        .withCertificateAuthorityData(base64(caCertificatePem))
                    .endCluster()
                .endCluster()
                .addNewUser()
                    .withName(user)
                    .withNewUser()
                        .withClientCertificateData(base64(client.certificatePem()))
                        .withClientKeyData(base64(client.privateKeyPem()))
                    .endUser()
                .endUser()
                .addNewContext()
                    .withName(clusterName)
                    .withNewContext()
                        .withCluster(clusterName)
                        .withUser(user)
                    .endContext()
                .endContext()
                .withCurrentContext(clusterName)
                .build();
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the kubeconfig of " + clusterName);
        }
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
