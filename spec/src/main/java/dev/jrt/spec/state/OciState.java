package dev.jrt.spec.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI state document (runtime.md "State"), as hooks receive it on stdin and as
 * runtime-spec's Go {@code specs.State} marshals it: pid and annotations are omitted when
 * zero/empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"ociVersion", "id", "status", "pid", "bundle", "annotations"})
public record OciState(
        String ociVersion,
        String id,
        String status,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int pid,
        String bundle,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * Compact JSON, as Go's json.Marshal writes it for a hook's stdin (annotations in key order).
     * Written with Jackson's streaming generator: databind's first use costs a cold JVM tens of
     * milliseconds, and create pays this for every container whose config has hooks (Docker's).
     */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ociVersion", ociVersion);
            g.writeStringField("id", id);
            g.writeStringField("status", status);
            if (pid != 0) {
                g.writeNumberField("pid", pid);
            }
            g.writeStringField("bundle", bundle);
            if (annotations != null && !annotations.isEmpty()) {
                g.writeObjectFieldStart("annotations");
                for (Map.Entry<String, String> a : new TreeMap<>(annotations).entrySet()) {
                    g.writeStringField(a.getKey(), a.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
