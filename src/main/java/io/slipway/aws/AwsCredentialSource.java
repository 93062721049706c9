package io.slipway.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    private static final int MAX_SESSION_NAME = 64;

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
     * @param sessionName see {@link #sessionNameFor(String, String)}
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

    /**
     * The AssumeRole session name for a cluster: {@code slipway-<namespace>-<name>}, so CloudTrail shows which
     * cluster made a call. Characters outside {@code [\w+=,.@-]} become '-'; names over 64 characters are cut
     * and end in a hash of the full name so that two clusters never share one.
     */
    public static String sessionNameFor(String namespace, String name) {
        String full = ("slipway-" + namespace + "-" + name).replaceAll("[^\\w+=,.@-]", "-");
        if (full.length() <= MAX_SESSION_NAME) {
            return full;
        }
        String hash = sha256Hex(full).substring(0, 8);
        return full.substring(0, MAX_SESSION_NAME - hash.length() - 1) + "-" + hash;
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

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
