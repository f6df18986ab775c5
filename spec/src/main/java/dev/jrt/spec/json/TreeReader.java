package dev.jrt.spec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Reads JSON text into the tree networknt validates, with Jackson's streaming parser: the
 * same nodes and parse errors as {@code ObjectMapper.readTree} (int, long, big integer and
 * double nodes; last duplicate member wins; trailing tokens refused), without building an
 * ObjectMapper, which costs a short-lived JVM tens of milliseconds.
 *
 * <p>Object members whose value is {@code null} are dropped, as Go's decoder treats them: a Go
 * runtime reads {@code "seccomp": null} as an absent seccomp.
 */
public final class TreeReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeReader() {
    }

    /** The document, or null when {@code content} holds no JSON value at all. */
    public static JsonNode read(byte[] content) throws IOException {
        try (JsonParser p = FACTORY.createParser(content)) {
            if (p.nextToken() == null) {
                return null;
            }
            JsonNode root = value(p);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after value");
            }
            return root;
        }
    }

    private static JsonNode value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(p, "Unexpected token " + p.currentToken());
        };
    }

    private static ObjectNode object(JsonParser p) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                object.remove(name);
            } else {
                object.set(name, value(p));
            }
        }
        return object;
    }

    private static ArrayNode array(JsonParser p) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(p));
        }
        return array;
    }
}
