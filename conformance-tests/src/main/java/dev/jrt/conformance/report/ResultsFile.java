package dev.jrt.conformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-runtime results file, {@code conformance-results-<runtime>.json}:
 * runtime name, binary, version and the sorted test results. It holds nothing
 * that changes from run to run (no timings, no temporary paths) except failure
 * messages, so that a report generated from it is reproducible.
 */
public record ResultsFile(String runtime, String binary, String version, List<TestResult> tests) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String fileName(String runtime) {
        return "conformance-results-" + runtime + ".json";
    }

    public void write(Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("runtime", runtime);
        root.put("binary", binary);
        root.put("version", version);
        ArrayNode arr = root.putArray("tests");
        List<TestResult> sorted = new ArrayList<>(tests);
        sorted.sort(Comparator.comparing(TestResult::name));
        for (TestResult t : sorted) {
            ObjectNode o = arr.addObject();
            o.put("name", t.name());
            o.put("status", t.status().json());
            if (t.reason() != null) {
                o.put("reason", t.reason());
            }
            ArrayNode reqs = o.putArray("requirements");
            for (TestResult.Req r : t.requirements()) {
                reqs.addObject().put("file", r.file()).put("heading", r.heading()).put("text", r.text());
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName(runtime)), JSON.writeValueAsString(root) + "\n");
    }

    public static ResultsFile read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<TestResult> tests = new ArrayList<>();
        for (JsonNode t : root.path("tests")) {
            List<TestResult.Req> reqs = new ArrayList<>();
            for (JsonNode r : t.path("requirements")) {
                reqs.add(new TestResult.Req(r.path("file").asText(), r.path("heading").asText(), r.path("text").asText()));
            }
            tests.add(new TestResult(t.path("name").asText(), reqs, TestResult.Status.of(t.path("status").asText()),
                    t.hasNonNull("reason") ? t.get("reason").asText() : null));
        }
        return new ResultsFile(root.path("runtime").asText(), root.path("binary").asText(),
                root.path("version").asText(), tests);
    }
}
