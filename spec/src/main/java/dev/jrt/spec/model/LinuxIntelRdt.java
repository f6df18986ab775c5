package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Intel RDT (resctrl) class of service and schemata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxIntelRdt(
        @JsonProperty("closID") String closId,
        String l3CacheSchema,
        String memBwSchema,
        List<String> schemata,
        Boolean enableMonitoring) {
}
