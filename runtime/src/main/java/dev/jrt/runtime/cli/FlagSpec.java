package dev.jrt.runtime.cli;

import java.util.List;

/**
 * One command-line flag as runc declares it: a canonical long name, short or alternative
 * names, and whether it takes a value. Boolean flags also accept {@code --flag=true|false}.
 */
public record FlagSpec(String name, List<String> aliases, boolean takesValue, boolean repeatable) {

    public static FlagSpec bool(String name, String... aliases) {
        return new FlagSpec(name, List.of(aliases), false, false);
    }

    public static FlagSpec value(String name, String... aliases) {
        return new FlagSpec(name, List.of(aliases), true, false);
    }

    public static FlagSpec list(String name, String... aliases) {
        return new FlagSpec(name, List.of(aliases), true, true);
    }

    boolean matches(String given) {
        return name.equals(given) || aliases.contains(given);
    }
}
