package dev.jrt.spec.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;

/** The one configured {@link ObjectMapper} of the spec module, and Go-style writing. */
public final class Json {

    private Json() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** {@code value} as Go's {@code json.MarshalIndent(value, "", indent)} writes it (no final newline). */
    public static String write(Object value, String indent) {
        try {
            return mapper().writer(new GoIndentPrinter(indent)).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // The model contains only strings, numbers, booleans, lists and maps.
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} as Go's {@code json.Marshal(value)} writes it: compact, no final newline. */
    public static String compact(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
