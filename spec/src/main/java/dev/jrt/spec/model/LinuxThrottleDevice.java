package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Uint64;

/** A per-device rate limit (bytes or operations per second). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxThrottleDevice(Long major, Long minor, @Uint64 Long rate) {
}
