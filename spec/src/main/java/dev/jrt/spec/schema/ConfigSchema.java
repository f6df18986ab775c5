package dev.jrt.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.jrt.spec.json.TreeReader;
import dev.jrt.spec.validate.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * jrt's own JSON schema for {@code config.json} ({@code config.schema.json} beside this
 * class): the shape of the document, checked with networknt, reported as {@link Problem}s
 * with JSON pointers and plain messages. The schema is compiled on first use only, so
 * commands that never validate a config do not pay for it.
 */
public final class ConfigSchema {

    static final String RESOURCE = "config.schema.json";

    private ConfigSchema() {
    }

    private static final class Compiled {
        static final JsonNode TREE = readTree();
        static final JsonSchema SCHEMA = compile(TREE);
        static final SchemaMessages MESSAGES = new SchemaMessages(TREE);
    }

    /** The shape problems of {@code config}, in document order; empty when it conforms. */
    /** Compiles the schema now (once per JVM), so that a caller can do it ahead of time. */
    public static void prepare() {
        Objects.requireNonNull(Compiled.SCHEMA);
    }

    public static List<Problem> validate(JsonNode config) {
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage message : Compiled.SCHEMA.validate(config)) {
            problems.add(Compiled.MESSAGES.toProblem(message));
        }
        problems.sort(new DocumentOrder(config));
        return problems;
    }

    private static JsonNode readTree() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " beside " + ConfigSchema.class);
            }
            return TreeReader.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static JsonSchema compile(JsonNode tree) {
        quietenSlf4j();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .errorMessageKeyword(SchemaMessages.MESSAGE_KEYWORD)
                .build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(tree, config);
    }

    /**
     * networknt logs through slf4j; without a provider on the class path slf4j prints a
     * three-line warning to stderr on first use, which would end up in every
     * {@code jrt create}'s output. Unless the user chose otherwise, ask slf4j to keep quiet,
     * and name the no-op provider it would fall back to: looking for providers opens every
     * jar on the class path twice over (20-40 ms of create) to find none.
     */
    private static void quietenSlf4j() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        }
    }
}
