package dev.jrt.spec.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jrt.spec.json.Json;

import java.util.Map;

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

    /** Compact JSON, as Go's json.Marshal writes it for a hook's stdin. */
    public String toJson() {
        return Json.compact(this);
    }
}
