package dev.jrt.runtime.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** state.json is written by Jackson's generator and read back by StateJsonReader, unchanged. */
class StateCodecTest {

    @Test
    void readsBackEverythingItWrote() throws IOException {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("z", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007");
        annotations.put("a", "ünïcödé \u2028 and an emoji \uD83D\uDE00");
        annotations.put("", "");
        StateRecord r = new StateRecord("1.3.0", "id-1", "/b", "/b/rootfs", "2026-01-01T00:00:00.123456789Z", "",
                annotations, Integer.MAX_VALUE, Long.MAX_VALUE, Map.of("memory", "/sys/fs/cgroup/memory/x"),
                "/run/jrt/x", List.of("/proc/1/ns/net", ""));
        StateRecord back = StateCodec.decode(StateCodec.encode(r));
        assertEquals(r, back);
        assertEquals(List.of("z", "a", ""), List.copyOf(back.annotations().keySet()));
    }

    @Test
    void leavesAbsentMembersNullAndSkipsUnknownOnes() throws IOException {
        StateRecord r = StateCodec.decode("""
                { "id" : "x", "future": {"a": [1, -2, true, false, null, {"b": []}]}, "initPid": 7 }
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals("x", r.id());
        assertEquals(7, r.initPid());
        assertNull(r.annotations());
        assertNull(r.namespacePaths());
        assertEquals(0, r.initStartTime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"id\": \"x\"", "{\"id\": 1}", "{\"initPid\": \"1\"}",
        "{\"initPid\": 1.5}", "{\"initPid\": 99999999999}", "{\"id\": \"\\q\"}", "{\"id\": \"a\nb\"}", "{} {}",
        "{\"annotations\": {\"a\": 1}}", "{\"namespacePaths\": [1]}", "{\"id\": \"\\u12\"}", "{\"id\": tru}"})
    void refusesMalformedState(String json) {
        IOException e = assertThrows(IOException.class, () -> StateCodec.decode(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("malformed state: "), e.getMessage());
    }
}
