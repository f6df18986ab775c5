package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Uint64;

/** CPU and cpuset cgroup settings; times in microseconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxCpu(
        @Uint64 Long shares,
        Long quota,
        @Uint64 Long burst,
        @Uint64 Long period,
        Long realtimeRuntime,
        @Uint64 Long realtimePeriod,
        String cpus,
        String mems,
        Long idle) {
}
