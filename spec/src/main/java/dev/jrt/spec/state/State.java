package dev.jrt.spec.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jrt.spec.json.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What {@code jrt state} prints: the OCI state (runtime.md) with runc's extra fields, laid
 * out as runc's {@code containerState} marshals it: ociVersion, id, pid, status, bundle,
 * rootfs, created, annotations (only when not empty, Go's omitempty), owner.
 *
 * <p>{@code created} is Go's RFC 3339 with nanoseconds ({@link #timestamp}); {@code pid} is 0
 * once the container stopped; {@code status} is one of {@code creating}, {@code created},
 * {@code running}, {@code paused}, {@code stopped}. {@code ociVersion} is the one of the
 * container's config.json, as runc reports it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"ociVersion", "id", "pid", "status", "bundle", "rootfs", "created", "annotations", "owner"})
public record State(
        String ociVersion,
        String id,
        int pid,
        String status,
        String bundle,
        String rootfs,
        String created,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
        String owner) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** {@code jrt state}'s output: two-space indented like runc's, without a final newline. */
    public String toJson() {
        return Json.write(this, "  ");
    }

    /** The state passed to hooks on stdin: only the OCI fields. */
    public OciState toOci() {
        return new OciState(ociVersion, id, status, pid, bundle, annotations);
    }

    /**
     * An instant as Go's {@code time.RFC3339Nano} writes a UTC time:
     * {@code 2024-05-01T10:20:30.12345Z} (fraction without trailing zeros, none if zero).
     */
    public static String timestamp(Instant instant) {
        StringBuilder text = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            // by hand: java.util.Formatter's first use costs a cold JVM about 10 ms
            String digits = Integer.toString(nanos);
            String fraction = "000000000".substring(digits.length()) + digits;
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }
}
