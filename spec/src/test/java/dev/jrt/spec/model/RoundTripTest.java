package dev.jrt.spec.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.Reference;
import dev.jrt.spec.json.Json;
import dev.jrt.spec.json.TreeReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read-then-write keeps the meaning: every member jrt writes back is the member it read,
 * and what it drops is only what it does not model (other platforms, obsolete members).
 */
class RoundTripTest {

    /** Members of the reference vectors that the Linux model ignores, as the spec allows. */
    private static final Map<String, List<String>> IGNORED = Map.of(
            "freebsd-example.json", List.of("/freebsd"),
            "freebsd-minimal.json", List.of("/freebsd"),
            "zos-example.json", List.of("/zos"),
            "zos-minimal.json", List.of("/zos"),
            // oomScoreAdj moved from linux.resources to process before 1.0; the example keeps the old one too.
            "spec-example.json", List.of("/linux/resources/oomScoreAdj"));

    static List<Path> goodConfigs() {
        return Reference.jsonFiles("schema/test/config/good");
    }

    @ParameterizedTest
    @MethodSource("goodConfigs")
    void writingWhatWasReadKeepsTheMeaning(Path file) throws Exception {
        JsonNode original = TreeReader.read(Reference.read(file).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Spec spec = Json.mapper().treeToValue(original, Spec.class);
        JsonNode written = Json.mapper().readTree(ConfigLoader.write(spec));

        assertSubset(written, original, "");
        List<String> dropped = new ArrayList<>();
        collectDropped(original, written, "", dropped);
        assertEquals(IGNORED.getOrDefault(file.getFileName().toString(), List.of()), dropped);
        assertEquals(spec, Json.mapper().treeToValue(written, Spec.class));
    }

    @Test
    void keepsEmptyListsAndMapsButNotAbsentMembers() {
        Spec spec = ConfigLoader.bind("{\"ociVersion\":\"1.0.0\",\"mounts\":[],\"annotations\":{}}");
        assertEquals("{\n\t\"ociVersion\": \"1.0.0\",\n\t\"mounts\": [],\n\t\"annotations\": {}\n}",
                ConfigLoader.write(spec));
    }

    @Test
    void keepsAnnotationsInOrder() {
        Spec spec = ConfigLoader.bind("{\"annotations\":{\"z\":\"1\",\"a\":\"\",\"m\":\"3\"}}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(spec.annotations().keySet()));
        assertEquals("", spec.annotations().get("a"));
    }

    private static void assertSubset(JsonNode written, JsonNode original, String pointer) {
        if (written.isObject()) {
            assertTrue(original.isObject(), pointer + " is not an object in the original");
            Iterator<String> names = written.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                assertTrue(original.has(name), pointer + "/" + name + " was written but not read");
                assertSubset(written.get(name), original.get(name), pointer + "/" + name);
            }
        } else if (written.isArray()) {
            assertEquals(original.size(), written.size(), pointer + " changed length");
            for (int i = 0; i < written.size(); i++) {
                assertSubset(written.get(i), original.get(i), pointer + "/" + i);
            }
        } else {
            assertEquals(original, written, pointer + " changed value");
        }
    }

    private static void collectDropped(JsonNode original, JsonNode written, String pointer, List<String> dropped) {
        if (original.isObject()) {
            Iterator<String> names = original.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!written.has(name)) {
                    dropped.add(pointer + "/" + name);
                } else {
                    collectDropped(original.get(name), written.get(name), pointer + "/" + name, dropped);
                }
            }
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                collectDropped(original.get(i), written.get(i), pointer + "/" + i, dropped);
            }
        }
    }
}
