package dev.jrt.runtime.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * state.json with Jackson's streaming API only. state, start, kill and delete read it on every
 * call; databind's reflection over records costs more than the rest of such a call, so this
 * small codec keeps those commands fast.
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
        String ociVersion = null, id = null, bundle = null, rootfs = null, created = null, owner = null;
        String rootfsMount = null;
        Map<String, String> annotations = null, cgroupPaths = null;
        List<String> namespacePaths = null;
        int initPid = 0;
        long initStartTime = 0;
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "ociVersion" -> ociVersion = p.getValueAsString();
                    case "id" -> id = p.getValueAsString();
                    case "bundle" -> bundle = p.getValueAsString();
                    case "rootfs" -> rootfs = p.getValueAsString();
                    case "created" -> created = p.getValueAsString();
                    case "owner" -> owner = p.getValueAsString();
                    case "rootfsMount" -> rootfsMount = p.getValueAsString();
                    case "initPid" -> initPid = p.getIntValue();
                    case "initStartTime" -> initStartTime = p.getLongValue();
                    case "annotations" -> annotations = readMap(p, t);
                    case "cgroupPaths" -> cgroupPaths = readMap(p, t);
                    case "namespacePaths" -> namespacePaths = readList(p, t);
                    default -> p.skipChildren();
                }
            }
        }
        return new StateRecord(ociVersion, id, bundle, rootfs, created, owner, annotations, initPid, initStartTime,
                cgroupPaths, rootfsMount, namespacePaths);
    }

    private static Map<String, String> readMap(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT);
        Map<String, String> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            m.put(k, p.getValueAsString());
        }
        return m;
    }

    private static List<String> readList(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY);
        List<String> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(p.getValueAsString());
        }
        return l;
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("malformed state: expected " + wanted + ", found " + actual);
        }
    }
}
