package io.slipway.workload.addons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches a chart archive at a pinned version from a classic Helm chart repository (index.yaml and .tgz over HTTP),
 * as {@code helm pull --repo URL --version V} does, into a cache directory. A pinned version never changes, so a
 * cached archive is used without asking the repository again: a steady-state reconcile makes no request.
 */
public class ChartFetcher {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path cacheDir;
    private final RepositoryOverride override;
    private final HttpClient http;

    public ChartFetcher(Path cacheDir, RepositoryOverride override) {
        this.cacheDir = cacheDir;
        this.override = override;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The local path of the chart archive of {@code addon} at its pinned version, fetched if not cached yet. */
    public Path fetch(ChannelAddon addon) {
        String repository = override.resolve(addon.repository());
        Path cached = cacheDir.resolve(sha256Hex(repository.getBytes(StandardCharsets.UTF_8)).substring(0, 16))
                .resolve(addon.chart() + "-" + addon.version() + ".tgz");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        JsonNode entry = indexEntry(repository, addon);
        JsonNode urls = entry.path("urls");
        if (!urls.isArray() || urls.isEmpty()) {
            throw new ChartFetchException("chart " + addon.chart() + " " + addon.version() + " in repository "
                    + repository + " has no download URL in its index.yaml");
        }
        URI archive = URI.create(repository).resolve(urls.get(0).asText());
        byte[] bytes = get(archive, "chart " + addon.chart() + " " + addon.version() + " from repository " + repository);
        String digest = entry.path("digest").asText("");
        if (!digest.isEmpty() && !digest.equalsIgnoreCase(sha256Hex(bytes))) {
            throw new ChartFetchException("chart " + addon.chart() + " " + addon.version() + " from " + archive
                    + " does not match the digest of the repository's index.yaml");
        }
        store(cached, bytes);
        return cached;
    }

    private JsonNode indexEntry(String repository, ChannelAddon addon) {
        URI index = URI.create(repository).resolve("index.yaml");
        byte[] body = get(index, "the index of chart repository " + repository);
        JsonNode root;
        try {
            root = YAML.readTree(body);
        } catch (IOException e) {
            throw new ChartFetchException("the index of chart repository " + repository + " is not YAML: "
                    + e.getMessage(), e);
        }
        JsonNode versions = root == null ? null : root.path("entries").path(addon.chart());
        if (versions == null || !versions.isArray() || versions.isEmpty()) {
            throw new ChartFetchException("chart repository " + repository + " has no chart " + addon.chart());
        }
        for (JsonNode version : versions) {
            if (addon.version().equals(version.path("version").asText())) {
                return version;
            }
        }
        throw new ChartFetchException("chart repository " + repository + " has no version " + addon.version()
                + " of chart " + addon.chart());
    }

    private byte[] get(URI uri, String what) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ChartFetchException("cannot fetch " + what + ": connection to " + uri.getHost() + ":"
                    + port(uri) + " refused or unreachable", e);
        } catch (HttpTimeoutException e) {
            throw new ChartFetchException("cannot fetch " + what + ": no answer within " + TIMEOUT.toSeconds() + "s", e);
        } catch (IOException e) {
            throw new ChartFetchException("cannot fetch " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartFetchException("interrupted while fetching " + what, e);
        }
        if (response.statusCode() != 200) {
            throw new ChartFetchException("cannot fetch " + what + ": " + uri + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void store(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ChartFetchException("cannot store the chart in the cache " + target.getParent() + ": " + e, e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
