package dev.jrt.runtime.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.jrt.runtime.api.ContainerInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output shaped like Go's json.MarshalIndent(v, "", "  "), which runc prints. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter INDENTED = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {}

    public static String indented(Object value) {
        try {
            return INDENTED.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** runc's field order for state and list. */
    public static Map<String, Object> stateMap(ContainerInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ociVersion", c.ociVersion());
        m.put("id", c.id());
        m.put("pid", c.pid());
        m.put("status", c.status().wire());
        m.put("bundle", c.bundle());
        m.put("rootfs", c.rootfs());
        m.put("created", c.created());
        m.put("owner", c.owner());
        if (c.annotations() != null && !c.annotations().isEmpty()) {
            m.put("annotations", c.annotations());
        }
        return m;
    }
}
