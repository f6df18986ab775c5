package dev.jrt.spec.validate;

import java.util.Collection;
import java.util.Map;

/** Wording shared by the checks, so that the same mistake always reads the same way. */
final class Messages {

    private Messages() {
    }

    private static final Map<String, String> NAMESPACE_NAMES = Map.of(
            "cgroup", "a cgroup namespace",
            "ipc", "an IPC namespace",
            "mount", "a mount namespace",
            "network", "a network namespace",
            "pid", "a PID namespace",
            "time", "a time namespace",
            "user", "a user namespace",
            "uts", "a UTS namespace");

    /** {@code unknown namespace "pidd" (allowed: cgroup, ipc, ...)} */
    static String unknown(String what, String value, Collection<String> allowed) {
        return "unknown " + what + " " + quote(value) + " (allowed: " + String.join(", ", allowed) + ")";
    }

    /** {@code must be an absolute path, got "tmp"} */
    static String notAbsolute(String value) {
        return "must be an absolute path, got " + quote(value);
    }

    /** {@code cannot be used without a UTS namespace (add a "uts" entry to /linux/namespaces)} */
    static String needsNamespace(String type) {
        String article = type.equals("ipc") ? "an " : "a ";
        return "cannot be used without " + NAMESPACE_NAMES.get(type)
                + " (add " + article + quote(type) + " entry to /linux/namespaces)";
    }

    static boolean isAbsolute(String path) {
        return path.startsWith("/");
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
