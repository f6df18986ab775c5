package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code size} ids starting at {@code containerId} map to ids starting at {@code hostId}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxIdMapping(
        @JsonProperty("containerID") Long containerId,
        @JsonProperty("hostID") Long hostId,
        Long size) {
}
