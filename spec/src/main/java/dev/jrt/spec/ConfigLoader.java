package dev.jrt.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.json.BindException;
import dev.jrt.spec.json.Json;
import dev.jrt.spec.json.TreeReader;
import dev.jrt.spec.model.ModelBinder;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.schema.ConfigSchema;
import dev.jrt.spec.validate.Problem;
import dev.jrt.spec.validate.SpecValidator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads a {@code config.json} into a {@link Spec} jrt can run, or says everything that is
 * wrong with it in one {@link InvalidConfigException}. The steps, each only if the previous
 * one passed: read the file, parse the JSON, check its shape ({@link ConfigSchema}), bind it
 * to the model, check its meaning ({@link SpecValidator}).
 *
 * <p>Members set to {@code null} are dropped before anything else looks at the document:
 * Go runtimes read {@code "seccomp": null} as "no seccomp", and so does jrt.
 */
public final class ConfigLoader {

    private static final Path DEFAULT_NAME = Path.of("config.json");

    private ConfigLoader() {
    }

    /** Loads and fully validates {@code configJson}; messages name it as given. */
    public static Spec load(Path configJson) {
        return validated(configJson, read(configJson));
    }

    /** Validates a config given as text, reported as {@code config.json}. */
    public static Spec parse(String json) {
        return validated(DEFAULT_NAME, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Binds a config jrt validated before (its own saved copy) without validating it again,
     * which saves compiling the schema on commands such as {@code start} or {@code delete}.
     */
    public static Spec bind(String trustedJson) {
        JsonNode tree = parseTree(DEFAULT_NAME, trustedJson.getBytes(StandardCharsets.UTF_8));
        return toSpec(DEFAULT_NAME, tree);
    }

    /** The spec as runc writes a config.json: Go's MarshalIndent layout, tab-indented, no final newline. */
    public static String write(Spec spec) {
        return Json.write(spec, "\t");
    }

    /**
     * Compiling the schema, parsing, checking the shape and binding are each mostly cold-start
     * work of a short-lived JVM; they run on two cores at once. Problems are reported in the
     * same order as if they ran one after the other: shape first, then binding, then meaning.
     */
    private static Spec validated(Path file, byte[] content) {
        FutureTask<Void> schemaReady = background(() -> {
            ConfigSchema.prepare();
            return null;
        });
        JsonNode tree = parseTree(file, content);
        FutureTask<Spec> bound = background(() -> toSpec(file, tree));
        join(schemaReady);
        List<Problem> shapeProblems = ConfigSchema.validate(tree);
        if (!shapeProblems.isEmpty()) {
            throw new InvalidConfigException(file, shapeProblems);
        }
        Spec spec = join(bound);
        List<Problem> problems = SpecValidator.validate(spec);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(file, problems);
        }
        return spec;
    }

    private static <T> FutureTask<T> background(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "config-loader");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the config", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InvalidConfigException.unreadable(file, "open " + file + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw InvalidConfigException.unreadable(file, "open " + file + ": permission denied");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage());
            throw InvalidConfigException.unreadable(file, "read " + file + ": " + reason);
        }
    }

    private static JsonNode parseTree(Path file, byte[] content) {
        JsonNode tree;
        try {
            tree = TreeReader.read(content);
        } catch (IOException e) {
            throw new InvalidConfigException(file, List.of(new Problem("", notJson(e))));
        }
        if (tree == null) {
            throw new InvalidConfigException(file, List.of(new Problem("", "is empty, want a JSON object")));
        }
        return tree;
    }

    /** {@code not valid JSON at line 3, column 7: Unexpected character ('}' (code 125)) ...} */
    private static String notJson(IOException e) {
        if (!(e instanceof JsonProcessingException parseError)) {
            return "not valid JSON: " + e.getMessage();
        }
        JsonLocation at = parseError.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        // Jackson names the source of nested locations as "[Source: REDACTED (...); line: 1, ...]".
        String reason = firstLine(parseError.getOriginalMessage()).replaceAll("\\[Source: [^;]*; ", "[");
        return "not valid JSON" + where + ": " + reason;
    }

    private static Spec toSpec(Path file, JsonNode tree) {
        try {
            return ModelBinder.spec(tree);
        } catch (BindException e) {
            // The schema admits only what the model can hold, so this is a config jrt did not validate.
            throw new InvalidConfigException(file, List.of(new Problem(e.pointer(), "cannot be read: "
                    + e.getMessage())));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
