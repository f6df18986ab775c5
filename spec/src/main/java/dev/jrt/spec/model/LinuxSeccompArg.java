package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Uint64;

/** A condition on syscall argument {@code index}; values are uint64 (see {@link Uint64}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxSeccompArg(Long index, @Uint64 Long value, @Uint64 Long valueTwo, String op) {
}
