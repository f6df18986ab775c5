package dev.jrt.runtime.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * state.json, written with Jackson's streaming generator and read with {@link StateJsonReader}.
 * state, start, kill and delete read it on every call; databind's reflection over records, or
 * just the first use of Jackson's parser on JDK 25, costs more than the rest of such a call.
 */
final class StateCodec {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StateCodec() {}

    static byte[] encode(StateRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            string(g, "ociVersion", r.ociVersion());
            string(g, "id", r.id());
            string(g, "bundle", r.bundle());
            string(g, "rootfs", r.rootfs());
            string(g, "created", r.created());
            string(g, "owner", r.owner());
            map(g, "annotations", r.annotations());
            g.writeNumberField("initPid", r.initPid());
            g.writeNumberField("initStartTime", r.initStartTime());
            map(g, "cgroupPaths", r.cgroupPaths());
            string(g, "rootfsMount", r.rootfsMount());
            if (r.namespacePaths() != null) {
                g.writeArrayFieldStart("namespacePaths");
                for (String s : r.namespacePaths()) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void map(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        if (map != null) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : map.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    static StateRecord decode(byte[] json) throws IOException {
        if (!(StateJsonReader.parse(new String(json, StandardCharsets.UTF_8)) instanceof Map<?, ?> m)) {
            throw new IOException("malformed state: not a JSON object");
        }
        return new StateRecord(string(m, "ociVersion"), string(m, "id"), string(m, "bundle"), string(m, "rootfs"),
                string(m, "created"), string(m, "owner"), stringMap(m, "annotations"),
                pid(m), number(m, "initStartTime"), stringMap(m, "cgroupPaths"),
                string(m, "rootfsMount"), stringList(m, "namespacePaths"));
    }

    private static String string(Map<?, ?> m, String name) throws IOException {
        Object v = m.get(name);
        if (v != null && !(v instanceof String)) {
            throw new IOException("malformed state: " + name + " is not a string");
        }
        return (String) v;
    }

    private static int pid(Map<?, ?> m) throws IOException {
        long pid = number(m, "initPid");
        if (pid < 0 || pid > Integer.MAX_VALUE) {
            throw new IOException("malformed state: initPid " + pid + " is not a pid");
        }
        return (int) pid;
    }

    private static long number(Map<?, ?> m, String name) throws IOException {
        Object v = m.get(name);
        if (v != null && !(v instanceof Long)) {
            throw new IOException("malformed state: " + name + " is not an integer");
        }
        return v == null ? 0 : (Long) v;
    }

    private static Map<String, String> stringMap(Map<?, ?> m, String name) throws IOException {
        Object v = m.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new IOException("malformed state: " + name + " is not an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put((String) e.getKey(), string(map, (String) e.getKey()));
        }
        return out;
    }

    private static List<String> stringList(Map<?, ?> m, String name) throws IOException {
        Object v = m.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IOException("malformed state: " + name + " is not an array");
        }
        List<String> out = new ArrayList<>();
        for (Object e : list) {
            if (e != null && !(e instanceof String)) {
                throw new IOException("malformed state: " + name + " holds a non-string");
            }
            out.add((String) e);
        }
        return out;
    }
}
