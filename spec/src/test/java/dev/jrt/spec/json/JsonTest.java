package dev.jrt.spec.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    @Test
    void writesLikeGoMarshalIndent() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("list", List.of("x", "y"));
        value.put("empty", List.of());
        value.put("object", Map.of());
        value.put("nested", Map.of("k", true));
        assertEquals("""
                {
                  "a": 1,
                  "list": [
                    "x",
                    "y"
                  ],
                  "empty": [],
                  "object": {},
                  "nested": {
                    "k": true
                  }
                }""", Json.write(value, "  "));
    }

    @Test
    void indentsWithTabs() {
        assertEquals("{\n\t\"a\": [\n\t\t1\n\t]\n}", Json.write(Map.of("a", List.of(1)), "\t"));
    }

    @Test
    void dropsNullMembersAtAnyDepthButKeepsNullArrayElements() throws Exception {
        JsonNode tree = TreeReader.read(
                "{\"a\":null,\"b\":{\"c\":null,\"d\":1},\"e\":[{\"f\":null},null]}".getBytes());
        assertEquals("{\"b\":{\"d\":1},\"e\":[{},null]}", tree.toString());
    }
}
