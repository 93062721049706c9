package io.slipway.kops;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Splits a multi-document YAML text into its documents, each with its number and first line; empty documents are skipped. */
final class KopsDocuments {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KopsDocuments() {
    }

    static List<KopsDocument> read(String text) throws KopsInputException {
        List<KopsDocument> documents = new ArrayList<>();
        int number = 0;
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    throw notYaml(number + 1, e);
                }
                if (token == null) {
                    break;
                }
                number++;
                JsonLocation start = parser.currentTokenLocation();
                JsonNode node;
                try {
                    node = YAML.readTree(parser);
                } catch (JsonProcessingException e) {
                    throw notYaml(number, e);
                }
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!(node instanceof ObjectNode object)) {
                    throw new KopsInputException("document " + number + " (line " + start.getLineNr() + "): not a kops object but "
                            + describe(node) + "; expected the output of kops get cluster -o yaml and kops get ig -o yaml");
                }
                documents.add(new KopsDocument(number, start.getLineNr(), object));
            }
        } catch (IOException e) {
            if (e instanceof JsonProcessingException jpe) {
                throw notYaml(number + 1, jpe);
            }
            throw new KopsInputException("cannot read the input: " + e.getMessage());
        }
        return documents;
    }

    private static KopsInputException notYaml(int document, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "document " + document : "document " + document + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new KopsInputException(where + ": not YAML: " + problem(e.getOriginalMessage()));
    }

    /** The parser's sentences without its source excerpts (the indented lines): "while parsing ...; expected ..." */
    private static String problem(String message) {
        return String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).map(String::strip).toList());
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        String text = node.asText();
        return "the text \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
}
