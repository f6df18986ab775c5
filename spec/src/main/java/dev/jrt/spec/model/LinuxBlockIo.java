package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Block I/O weights and throttles. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxBlockIo(
        Integer weight,
        Integer leafWeight,
        List<LinuxWeightDevice> weightDevice,
        List<LinuxThrottleDevice> throttleReadBpsDevice,
        List<LinuxThrottleDevice> throttleWriteBpsDevice,
        @JsonProperty("throttleReadIOPSDevice") List<LinuxThrottleDevice> throttleReadIopsDevice,
        @JsonProperty("throttleWriteIOPSDevice") List<LinuxThrottleDevice> throttleWriteIopsDevice) {
}
