package io.slipway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The project's Python scripts under hack/, found from the working directory (the project root under Maven) up. */
public final class HackScripts {
    private HackScripts() {
    }

    /** hack/{@code name}, in the working directory or one of its parents. */
    public static Path find(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("hack").resolve(name);
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("hack/" + name + " not found from " + Path.of("").toAbsolutePath());
    }

    /** Runs hack/{@code name} with python3 and reads the JSON it prints; stderr goes to the test's. */
    public static JsonNode runJson(String name, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("python3", find(name).toString()));
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(name + " failed: " + out);
            }
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
