package dev.jrt.runtime.cli.commands;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jrt.runtime.api.ContainerInfo;
import dev.jrt.spec.json.GoIndentPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The state document runc prints for `state` (two-space indented) and `list --format json`
 * (compact), written with Jackson's streaming API: these commands run often and must not pay
 * for databind's start-up.
 */
final class StateJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StateJson() {}

    static String indented(ContainerInfo c) {
        return write(List.of(c), true);
    }

    static String compactList(List<ContainerInfo> list) {
        return write(list, false);
    }

    private static String write(List<ContainerInfo> list, boolean single) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (single) {
                g.setPrettyPrinter(new GoIndentPrinter("  "));
                object(g, list.get(0));
            } else {
                g.writeStartArray();
                for (ContainerInfo c : list) {
                    object(g, c);
                }
                g.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** runc's field order: ociVersion, id, pid, status, bundle, rootfs, created, annotations, owner. */
    private static void object(JsonGenerator g, ContainerInfo c) throws IOException {
        g.writeStartObject();
        g.writeStringField("ociVersion", c.ociVersion());
        g.writeStringField("id", c.id());
        g.writeNumberField("pid", c.pid());
        g.writeStringField("status", c.status().wire());
        g.writeStringField("bundle", c.bundle());
        g.writeStringField("rootfs", c.rootfs());
        g.writeStringField("created", c.created());
        if (c.annotations() != null && !c.annotations().isEmpty()) {
            g.writeObjectFieldStart("annotations");
            for (Map.Entry<String, String> e : c.annotations().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeStringField("owner", c.owner());
        g.writeEndObject();
    }
}
