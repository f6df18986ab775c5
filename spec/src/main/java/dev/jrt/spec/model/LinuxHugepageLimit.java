package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Uint64;

/** A hugetlb limit in bytes for one page size such as {@code "2MB"}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxHugepageLimit(String pageSize, @Uint64 Long limit) {
}
