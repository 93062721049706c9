package io.slipway.packaging;

import io.slipway.crd.GeneratedCrds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's Dockerfile read as instructions (continuation lines joined, comments dropped): enough to compare its
 * user, paths and environment with the manifests. Not a full Dockerfile parser: no build arguments, no heredocs.
 */
record Dockerfile(List<Instruction> instructions) {
    static final Path PATH = GeneratedCrds.projectRoot().resolve("Dockerfile");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    record Instruction(String keyword, String arguments) {
        /** The words of the arguments: JSON form ({@code ["java", "-jar"]}) or shell form. */
        List<String> words() {
            String a = arguments.strip();
            if (a.startsWith("[")) {
                List<String> words = new ArrayList<>();
                Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(a);
                while (m.find()) {
                    words.add(m.group(1));
                }
                return words;
            }
            return List.of(a.split("\\s+"));
        }
    }

    static Dockerfile read() {
        try {
            return parse(Files.readString(PATH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The argument of the last instruction of this kind (the one in effect), or a failure if there is none. */
    String last(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.isEmpty()) {
            throw new AssertionError("the Dockerfile has no " + keyword);
        }
        return found.get(found.size() - 1).arguments().strip();
    }

    /** ENV variables in {@code KEY=value} form, quotes removed; later instructions win. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : all("ENV")) {
            Matcher m = ENV_PAIR.matcher(i.arguments());
            while (m.find()) {
                String value = m.group(2);
                env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }

    /** COPY instructions as source → destination (no --from, --chown or several sources). */
    Map<String, String> copies() {
        Map<String, String> copies = new LinkedHashMap<>();
        for (Instruction i : all("COPY")) {
            List<String> words = i.words().stream().filter(w -> !w.startsWith("--")).toList();
            if (words.size() != 2) {
                throw new AssertionError("expected COPY <source> <destination>: " + i);
            }
            copies.put(words.get(0), words.get(1));
        }
        return copies;
    }
}
