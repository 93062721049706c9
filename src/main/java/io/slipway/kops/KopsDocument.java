package io.slipway.kops;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One YAML document of the input: its position (1-based) and first line, for messages, and its content. */
record KopsDocument(int number, int line, ObjectNode content) {

    String kind() {
        return content.path("kind").asText("");
    }

    String name() {
        return content.path("metadata").path("name").asText("");
    }

    /** "document 2 (line 14)" */
    String where() {
        return "document " + number + " (line " + line + ")";
    }
}
