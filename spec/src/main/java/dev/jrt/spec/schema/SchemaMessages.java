package dev.jrt.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.jrt.spec.validate.Problem;


/**
 * Turns networknt's messages ({@code /process/args/1: integer found, string expected}) into
 * problems a user reads once and understands ({@code /process/args/1: must be a string}).
 *
 * <p>The message is built from the failing keyword and the schema object that holds it:
 * {@code type}, {@code minimum} and {@code maximum} all say what the value must be, in full
 * ({@code must be an integer between 0 and 4294967295}). A schema object may carry a
 * {@code "message": {"keyword": "..."}} member to say it better.
 */
final class SchemaMessages {

    static final String MESSAGE_KEYWORD = "message";

    private final JsonNode schemaRoot;

    SchemaMessages(JsonNode schemaRoot) {
        this.schemaRoot = schemaRoot;
    }

    Problem toProblem(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        String keyword = message.getType();
        JsonNode owner = keywordOwner(message);
        JsonNode custom = owner.path(MESSAGE_KEYWORD).path(keyword);
        if (custom.isTextual()) {
            return new Problem(pointer, custom.asText());
        }
        switch (keyword) {
            case "required":
                return new Problem(pointer + "/" + escape(message.getProperty()), "is required");
            case "type":
            case "minimum":
            case "maximum":
                return new Problem(pointer, "must be " + describe(owner));
            case "minItems":
                return new Problem(pointer, "must have at least " + owner.path("minItems").asText() + " entries");
            case "pattern":
                return new Problem(pointer, "must match " + owner.path("pattern").asText());
            default:
                return new Problem(pointer, withoutPointer(message.getMessage(), pointer));
        }
    }

    /** The schema object in which the failing keyword sits (resolving nothing: it is a location). */
    private JsonNode keywordOwner(ValidationMessage message) {
        String location = message.getSchemaLocation().getFragment().toString();
        int lastSlash = location.lastIndexOf('/');
        String ownerPointer = lastSlash <= 0 ? "" : location.substring(0, lastSlash);
        return schemaRoot.at(ownerPointer);
    }

    /** "a string", "an array of strings", "an integer between 0 and 65535", ... */
    String describe(JsonNode schema) {
        JsonNode s = resolve(schema);
        switch (s.path("type").asText()) {
            case "string":
                return "a string";
            case "boolean":
                return "true or false";
            case "integer":
                return "an integer" + range(s);
            case "array":
                return s.has("items") ? "an array of " + plural(s.get("items")) : "an array";
            case "object":
                JsonNode values = s.path("additionalProperties");
                return values.isObject() ? "an object with " + plural(values) + " as values" : "an object";
            default:
                return "a valid value";
        }
    }

    private String plural(JsonNode schema) {
        JsonNode s = resolve(schema);
        switch (s.path("type").asText()) {
            case "string":
                return "strings";
            case "boolean":
                return "booleans";
            case "integer":
                return "integers" + range(s);
            case "array":
                return "arrays";
            case "object":
                return "objects";
            default:
                return "values";
        }
    }

    private static String range(JsonNode integerSchema) {
        JsonNode min = integerSchema.get("minimum");
        JsonNode max = integerSchema.get("maximum");
        if (min != null && max != null) {
            return " between " + min.asText() + " and " + max.asText();
        }
        if (min != null) {
            return " of at least " + min.asText();
        }
        if (max != null) {
            return " of at most " + max.asText();
        }
        return "";
    }

    /** Follows local {@code $ref}s, the only kind this schema uses. */
    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; s.has("$ref") && hops < 8; hops++) {
            s = schemaRoot.at(s.get("$ref").asText().substring(1));
        }
        return s;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String withoutPointer(String text, String pointer) {
        String prefix = pointer + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
}
