package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Uint64;

/** One resource limit; {@code hard} and {@code soft} are uint64 (see {@link Uint64}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PosixRlimit(String type, @Uint64 Long hard, @Uint64 Long soft) {
}
