package io.slipway.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What IAM holds under a path, read by iam_inventory.py with boto3: an inspector independent of Slipway's code. */
final class Boto3Iam {
    private final JsonNode inventory;

    private Boto3Iam(JsonNode inventory) {
        this.inventory = inventory;
    }

    static Boto3Iam read(URI endpoint, String path) {
        try {
            Path script = Path.of(Boto3Iam.class.getResource("iam_inventory.py").toURI());
            Process process = new ProcessBuilder(List.of("python3", script.toString(), endpoint.toString(), path))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("iam_inventory.py failed: " + out);
            }
            return new Boto3Iam(new ObjectMapper().readTree(out));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<JsonNode> roles() {
        List<JsonNode> roles = new ArrayList<>();
        inventory.get("roles").forEach(roles::add);
        return roles;
    }

    List<JsonNode> profiles() {
        List<JsonNode> profiles = new ArrayList<>();
        inventory.get("profiles").forEach(profiles::add);
        return profiles;
    }

    JsonNode role(String name) {
        return roles().stream().filter(r -> r.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no role " + name + " in " + inventory));
    }

    JsonNode profile(String name) {
        return profiles().stream().filter(p -> p.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no instance profile " + name + " in " + inventory));
    }

    int size() {
        return roles().size() + profiles().size();
    }

    @Override
    public String toString() {
        return inventory.toString();
    }
}
