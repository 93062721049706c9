package io.slipway.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The openssl command line, an independent checker of what BouncyCastle made. */
final class OpenSsl {
    private OpenSsl() {
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/openssl")) || Files.isExecutable(Path.of("/usr/local/bin/openssl"));
    }

    /** Runs openssl with the arguments and stdin; returns stdout; fails on a non-zero exit. */
    static byte[] run(byte[] stdin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl " + arguments[0] + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " exited " + process.exitValue() + ": " + err);
        }
        return out;
    }

    static String runText(byte[] stdin, String... arguments) throws IOException, InterruptedException {
        return new String(run(stdin, arguments), StandardCharsets.UTF_8);
    }
}
