package io.slipway.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of everything that ends on an instance: equal hashes, an instance needs no replacing. Built from named
 * values in a fixed (sorted) order, so adding a value with a null leaves earlier hashes as they were.
 */
final class ConfigHash {
    static final int LENGTH = 12;

    private final Map<String, String> values = new TreeMap<>();

    ConfigHash with(String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
        return this;
    }

    String hex() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            values.forEach((name, value) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
