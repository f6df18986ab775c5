package dev.jrt.runtime.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses flags the way runc's CLI library does, so that containerd, podman/conmon, Docker and
 * CRI-O can call jrt exactly as they call runc: {@code --flag value}, {@code --flag=value},
 * single-dash long flags ({@code -no-subreaper}), short aliases ({@code -d}), bundled
 * booleans are not supported (neither does runc). {@code --} ends the flags.
 *
 * <p>With {@code stopAtFirstPositional}, everything after the first positional argument is
 * positional (exec's command line, ps's options).
 */
public final class ArgParser {

    private ArgParser() {}

    public static ParsedArgs parse(String command, List<FlagSpec> specs, List<String> args,
                                   boolean stopAtFirstPositional) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean flagsDone = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (flagsDone || !arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                if (stopAtFirstPositional) {
                    flagsDone = true;
                }
                continue;
            }
            if (arg.equals("--")) {
                flagsDone = true;
                continue;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name = body;
            String inlineValue = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                inlineValue = body.substring(eq + 1);
            }
            FlagSpec spec = find(specs, name);
            if (spec == null) {
                throw new UsageException(command + ": flag provided but not defined: -" + name);
            }
            String value;
            if (spec.takesValue()) {
                if (inlineValue != null) {
                    value = inlineValue;
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(command + ": flag needs an argument: -" + name);
                }
            } else {
                value = inlineValue == null ? "true" : inlineValue;
                if (!value.equals("true") && !value.equals("false")) {
                    throw new UsageException(command + ": invalid boolean value \"" + value + "\" for -" + name);
                }
            }
            flags.computeIfAbsent(spec.name(), k -> new ArrayList<>()).add(value);
        }
        return new ParsedArgs(flags, positionals);
    }

    private static FlagSpec find(List<FlagSpec> specs, String name) {
        for (FlagSpec s : specs) {
            if (s.matches(name)) {
                return s;
            }
        }
        return null;
    }
}
