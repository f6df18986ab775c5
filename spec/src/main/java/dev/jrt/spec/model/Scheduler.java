package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Uint64;

import java.util.List;

/** sched_setattr(2) settings for the process. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scheduler(
        String policy,
        Integer nice,
        Integer priority,
        List<String> flags,
        @Uint64 Long runtime,
        @Uint64 Long deadline,
        @Uint64 Long period) {
}
