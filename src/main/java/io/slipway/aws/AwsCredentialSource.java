package io.slipway.aws;

import java.util.Objects;

/**
 * Where the credentials for one cluster's AWS calls come from: the operator's own (default chain), a role
 * assumed with the operator's credentials, or static keys read from a Secret.
 * A value type: equal sources share cached clients. {@link #toString()} never shows a key or secret.
 */
public final class AwsCredentialSource {

    public enum Kind { OPERATOR_DEFAULT, ASSUME_ROLE, STATIC_KEYS }

    private static final AwsCredentialSource OPERATOR_DEFAULT =
            new AwsCredentialSource(Kind.OPERATOR_DEFAULT, null, null, null, null, null, null);

    private final Kind kind;
    private final String roleArn;
    private final String externalId;
    private final String sessionName;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;

    private AwsCredentialSource(Kind kind, String roleArn, String externalId, String sessionName,
                                String accessKeyId, String secretAccessKey, String sessionToken) {
        this.kind = kind;
        this.roleArn = roleArn;
        this.externalId = externalId;
        this.sessionName = sessionName;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
    }

    /** The operator's own credentials (SDK default chain, or whatever the factory was configured with). */
    public static AwsCredentialSource operatorDefault() {
        return OPERATOR_DEFAULT;
    }

    /**
     * A role assumed with the operator's credentials.
     *
     * @param externalId may be null
     * @param sessionName shown in CloudTrail; io.slipway.model.AwsNames#roleSessionName names the cluster
     */
    public static AwsCredentialSource assumeRole(String roleArn, String externalId, String sessionName) {
        requireText(roleArn, "roleArn");
        requireText(sessionName, "sessionName");
        return new AwsCredentialSource(Kind.ASSUME_ROLE, roleArn, blankToNull(externalId), sessionName, null, null, null);
    }

    /** Static keys, e.g. from a Secret. {@code sessionToken} may be null. */
    public static AwsCredentialSource staticKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
        requireText(accessKeyId, "accessKeyId");
        requireText(secretAccessKey, "secretAccessKey");
        return new AwsCredentialSource(Kind.STATIC_KEYS, null, null, null, accessKeyId, secretAccessKey,
                blankToNull(sessionToken));
    }

    public Kind kind() {
        return kind;
    }

    public String roleArn() {
        return roleArn;
    }

    public String externalId() {
        return externalId;
    }

    public String sessionName() {
        return sessionName;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public String sessionToken() {
        return sessionToken;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AwsCredentialSource other
                && kind == other.kind
                && Objects.equals(roleArn, other.roleArn)
                && Objects.equals(externalId, other.externalId)
                && Objects.equals(sessionName, other.sessionName)
                && Objects.equals(accessKeyId, other.accessKeyId)
                && Objects.equals(secretAccessKey, other.secretAccessKey)
                && Objects.equals(sessionToken, other.sessionToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, roleArn, externalId, sessionName, accessKeyId, secretAccessKey, sessionToken);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OPERATOR_DEFAULT -> "AwsCredentialSource[operator default]";
            case ASSUME_ROLE -> "AwsCredentialSource[assume " + roleArn + " as " + sessionName
                    + (externalId == null ? "" : ", externalId ****") + "]";
            case STATIC_KEYS -> "AwsCredentialSource[static keys " + mask(accessKeyId) + "]";
        };
    }

    /** Shows only the last 4 characters of an access key id: enough to tell two keys apart in a log. */
    private static String mask(String accessKeyId) {
        return accessKeyId.length() <= 4 ? "****" : "****" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
