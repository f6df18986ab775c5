package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A namespace to create ({@code path} absent) or to join ({@code path} of an nsfs file). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxNamespace(String type, String path) {

    public LinuxNamespace(String type) {
        this(type, null);
    }

    /** True when the container joins an existing namespace instead of creating one. */
    public boolean joins() {
        return path != null && !path.isEmpty();
    }
}
