package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A device node to create in the container; {@code fileMode} is decimal. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxDevice(
        String path,
        String type,
        Long major,
        Long minor,
        Long fileMode,
        Long uid,
        Long gid) {
}
