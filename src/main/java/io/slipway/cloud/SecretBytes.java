package io.slipway.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Secret content a desired resource carries (a bootstrap object's body). Only its SHA-256 is ever printed, so a
 * spec holding it can go into plans, fingerprints, logs and status without giving the content away.
 */
public final class SecretBytes {
    private final byte[] bytes;
    private final String sha256;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes.clone();
        this.sha256 = sha256(this.bytes);
    }

    public static SecretBytes of(byte[] bytes) {
        return new SecretBytes(bytes);
    }

    public static SecretBytes of(String text) {
        return new SecretBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the content: only for the call that writes it. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Hex SHA-256 of the content: what diffs compare. */
    public String sha256() {
        return sha256;
    }

    public int length() {
        return bytes.length;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretBytes that && sha256.equals(that.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "sha256:" + sha256;
    }
}
