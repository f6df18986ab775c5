package dev.jrt.runtime.cli;

import java.util.List;
import java.util.Map;

/** Flags (by canonical name) and positional arguments of one command line. */
public record ParsedArgs(Map<String, List<String>> flags, List<String> positionals) {

    public boolean has(String name) {
        return flags.containsKey(name);
    }

    public boolean bool(String name) {
        List<String> v = flags.get(name);
        return v != null && !v.isEmpty() && Boolean.parseBoolean(v.get(v.size() - 1));
    }

    public String value(String name) {
        List<String> v = flags.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    public String value(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    public List<String> values(String name) {
        return flags.getOrDefault(name, List.of());
    }

    public int intValue(String name, int fallback) {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": not a number: \"" + v + "\"");
        }
    }
}
