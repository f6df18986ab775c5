package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Offset of one clock (the map key: {@code monotonic} or {@code boottime}) in a time namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxTimeOffset(Long secs, Long nanosecs) {
}
