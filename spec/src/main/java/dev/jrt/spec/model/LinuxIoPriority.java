package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** ioprio_set(2) class and level (0 highest to 7 lowest). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxIoPriority(@JsonProperty("class") String ioClass, Integer priority) {
}
