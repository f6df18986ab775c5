package dev.jrt.runtime.log;

/** The two formats runc writes: logrus text and logrus JSON. */
public enum LogFormat {
    TEXT, JSON;

    public static LogFormat parse(String s) {
        return switch (s) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown log-format \"" + s + "\" (allowed: text, json)");
        };
    }
}
