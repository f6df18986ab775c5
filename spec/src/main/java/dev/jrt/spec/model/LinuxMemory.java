package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Uint64;

/** Memory cgroup limits in bytes; -1 means unlimited. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxMemory(
        Long limit,
        Long reservation,
        Long swap,
        Long kernel,
        @JsonProperty("kernelTCP") Long kernelTcp,
        @Uint64 Long swappiness,
        @JsonProperty("disableOOMKiller") Boolean disableOomKiller,
        Boolean useHierarchy,
        Boolean checkBeforeUpdate) {
}
