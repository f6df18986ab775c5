package dev.jrt.spec.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.jrt.spec.Reference;
import dev.jrt.spec.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StateTest {

    private static State running(Map<String, String> annotations) {
        return new State("1.0.2-dev", "c1", 4422, "running", "/containers/c1", "/containers/c1/rootfs",
                "2024-05-01T10:20:30.123456789Z", annotations, "root");
    }

    @Test
    void printsRuncsFieldsInRuncsOrder() {
        assertEquals("""
                {
                  "ociVersion": "1.0.2-dev",
                  "id": "c1",
                  "pid": 4422,
                  "status": "running",
                  "bundle": "/containers/c1",
                  "rootfs": "/containers/c1/rootfs",
                  "created": "2024-05-01T10:20:30.123456789Z",
                  "annotations": {
                    "k": "v"
                  },
                  "owner": "root"
                }""", running(Map.of("k", "v")).toJson());
    }

    @Test
    void omitsEmptyAnnotationsButKeepsAZeroPidAndEmptyOwner() {
        State stopped = new State("1.0.0", "c1", 0, "stopped", "/b", "/b/rootfs", "2024-05-01T10:20:30Z", Map.of(), "");
        assertEquals("{\"ociVersion\":\"1.0.0\",\"id\":\"c1\",\"pid\":0,\"status\":\"stopped\",\"bundle\":\"/b\","
                + "\"rootfs\":\"/b/rootfs\",\"created\":\"2024-05-01T10:20:30Z\",\"owner\":\"\"}", Json.compact(stopped));
        assertEquals(Json.compact(stopped), Json.compact(new State("1.0.0", "c1", 0, "stopped", "/b", "/b/rootfs",
                "2024-05-01T10:20:30Z", null, "")));
    }

    @Test
    void formatsTimesLikeGoRfc3339Nano() {
        assertEquals("2024-05-01T10:20:30Z", State.timestamp(Instant.parse("2024-05-01T10:20:30Z")));
        assertEquals("2024-05-01T10:20:30.12Z", State.timestamp(Instant.parse("2024-05-01T10:20:30.120Z")));
        assertEquals("2024-05-01T10:20:30.000000001Z", State.timestamp(Instant.parse("2024-05-01T10:20:30.000000001Z")));
        assertEquals("1999-12-31T23:59:59.5Z", State.timestamp(Instant.parse("1999-12-31T23:59:59.500Z")));
    }

    @Test
    void givesHooksTheOciStateOnly() {
        assertEquals("{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"status\":\"running\",\"pid\":4422,"
                + "\"bundle\":\"/containers/c1\",\"annotations\":{\"k\":\"v\"}}", running(Map.of("k", "v")).toOci().toJson());
        OciState creating = new OciState("1.0.2", "c1", "creating", 0, "/b", Map.of());
        assertEquals("{\"ociVersion\":\"1.0.2\",\"id\":\"c1\",\"status\":\"creating\",\"bundle\":\"/b\"}", creating.toJson());
    }

    @Test
    void theHookStateIsWhatDatabindWritesWithAnnotationsInKeyOrder() throws Exception {
        Map<String, String> annotations = new java.util.LinkedHashMap<>();
        annotations.put("z.last", "\"quoted\"\n");
        annotations.put("a.first", "caf\u00e9");
        OciState state = new OciState("1.0.2", "c1", "created", 17, "/b \\ x", annotations);
        String json = state.toJson();
        assertEquals(Json.mapper().readTree(Json.compact(state)), Json.mapper().readTree(json));
        assertTrue(json.indexOf("a.first") < json.indexOf("z.last"), json);
    }

    @Test
    void readsTheReferenceStateVectors() throws Exception {
        String good = Reference.read(Reference.runtimeSpec().resolve("schema/test/state/good/spec-example.json"));
        OciState oci = Json.mapper().readValue(good, OciState.class);
        assertEquals(new OciState("0.2.0", "oci-container1", "running", 4422, "/containers/redis",
                Map.of("myKey", "myValue")), oci);
        State state = Json.mapper().readValue(good, State.class);
        assertEquals("running", state.status());
        assertNull(state.rootfs());

        String bad = Reference.read(Reference.runtimeSpec().resolve("schema/test/state/bad/invalid-json.json"));
        assertThrows(JsonProcessingException.class, () -> Json.mapper().readValue(bad, OciState.class));
    }
}
