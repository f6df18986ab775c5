package dev.jrt.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.validate.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Orders problems as their places appear in the document, so a user reading the list reads
 * the file top-down. A missing member sorts after the members its parent has.
 */
final class DocumentOrder implements Comparator<Problem> {

    private final JsonNode document;

    DocumentOrder(JsonNode document) {
        this.document = document;
    }

    @Override
    public int compare(Problem a, Problem b) {
        List<String> left = tokens(a.pointer());
        List<String> right = tokens(b.pointer());
        JsonNode node = document;
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            if (!left.get(i).equals(right.get(i))) {
                return Integer.compare(position(node, left.get(i)), position(node, right.get(i)));
            }
            node = child(node, left.get(i));
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int position(JsonNode parent, String token) {
        if (parent != null && parent.isArray()) {
            try {
                return Integer.parseInt(token);
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }
        if (parent != null && parent.isObject()) {
            int index = 0;
            for (Iterator<String> names = parent.fieldNames(); names.hasNext(); index++) {
                if (names.next().equals(token)) {
                    return index;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    private static JsonNode child(JsonNode parent, String token) {
        if (parent == null) {
            return null;
        }
        if (parent.isArray()) {
            try {
                return parent.get(Integer.parseInt(token));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return parent.get(token);
    }

    private static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
