package io.slipway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A hack/ script started once with {@code --serve} and asked many questions, one JSON line each way, so a test JVM
 * pays Python's and boto3's start-up (about a second) once rather than at every call. Started again if it died.
 */
final class ScriptServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private Process process;
    private Writer requests;
    private BufferedReader answers;

    ScriptServer(String name) {
        this.name = name;
    }

    synchronized JsonNode ask(List<String> args, Map<String, String> environment) {
        try {
            if (process == null || !process.isAlive()) {
                start();
            }
            requests.write(JSON.writeValueAsString(Map.of("args", args, "env", environment)) + "\n");
            requests.flush();
            String line = answers.readLine();
            if (line == null) {
                process = null;
                throw new IllegalStateException(name + " --serve ended without answering " + args);
            }
            JsonNode answer = JSON.readTree(line);
            if (answer.has("error")) {
                throw new IllegalStateException(name + " " + args + " failed: " + answer.get("error").asText());
            }
            return answer.get("result");
        } catch (IOException e) {
            process = null;
            throw new IllegalStateException(name + " --serve: " + e.getMessage(), e);
        }
    }

    private void start() throws IOException {
        process = new ProcessBuilder("python3", HackScripts.find(name).toString(), "--serve")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
    }
}
