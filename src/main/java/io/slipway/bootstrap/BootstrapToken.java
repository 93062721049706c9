package io.slipway.bootstrap;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kubeadm bootstrap token {@code <id>.<secret>} ({@code [a-z0-9]{6}.[a-z0-9]{16}}) with its expiry. The id is
 * public (kubeadm names the token's Secret after it); the secret is not, so {@link #toString()} shows the id only.
 */
public record BootstrapToken(String id, String secret, Instant expires) {
    public static final Pattern FORMAT = Pattern.compile("([a-z0-9]{6})\\.([a-z0-9]{16})");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public BootstrapToken {
        Objects.requireNonNull(expires, "expires");
        if (id == null || secret == null || !FORMAT.matcher(id + "." + secret).matches()) {
            throw new IllegalArgumentException("a bootstrap token is [a-z0-9]{6}.[a-z0-9]{16}");
        }
    }

    public static BootstrapToken generate(SecureRandom random, Instant now, Duration ttl) {
        return new BootstrapToken(randomString(random, 6), randomString(random, 16), now.plus(ttl));
    }

    /** The token as kubeadm takes it ({@code kubeadm join --token}). */
    public String value() {
        return id + "." + secret;
    }

    public boolean expiresWithin(Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expires);
    }

    private static String randomString(SecureRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "BootstrapToken[id=" + id + ", expires=" + expires + "]";
    }
}
