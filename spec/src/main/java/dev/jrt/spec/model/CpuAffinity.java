package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** CPU lists such as {@code "0-3,7"} for an exec'd process, before and after joining the cgroup. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CpuAffinity(
        @JsonProperty("initial") String initialCpus,
        @JsonProperty("final") String finalCpus) {
}
