package dev.jrt.spec;

import dev.jrt.spec.validate.Problem;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code config.json} jrt will not run, with every problem found at once. The message has
 * one line per problem, prefixed with the file name as the user gave it:
 * {@code config.json: /linux/namespaces/2/type: unknown namespace "pidd" (allowed: ...)}.
 */
public final class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<Problem> problems;

    InvalidConfigException(Path file, List<Problem> problems) {
        this(file, List.copyOf(problems), format(file, problems));
    }

    private InvalidConfigException(Path file, List<Problem> problems, String message) {
        super(message);
        this.file = file;
        this.problems = problems;
    }

    /** The file could not be read at all: {@code message} says so in full, e.g. {@code open x: permission denied}. */
    static InvalidConfigException unreadable(Path file, String message) {
        return new InvalidConfigException(file, List.of(new Problem("", message)), message);
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(Path file, List<Problem> problems) {
        StringBuilder message = new StringBuilder();
        for (Problem problem : problems) {
            if (message.length() > 0) {
                message.append('\n');
            }
            message.append(file).append(": ");
            if (!problem.pointer().isEmpty()) {
                message.append(problem.pointer()).append(": ");
            }
            message.append(problem.message());
        }
        return message.toString();
    }
}
