package dev.jrt.runtime.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes logrus-compatible lines, as runc does, because containerd shows its users the last
 * {@code "level":"error"} line of the log and podman maps its text to exit codes:
 * JSON {@code {"level":"error","msg":"...","time":"2006-01-02T15:04:05Z"}} or text
 * {@code time="..." level=error msg="..."}.
 */
public final class StreamLogSink implements LogSink {
    private final OutputStream out;
    private final LogFormat format;
    private final boolean debug;
    private final boolean closeOut;
    private final boolean errors;

    public StreamLogSink(OutputStream out, LogFormat format, boolean debug, boolean closeOut) {
        this(out, format, debug, closeOut, true);
    }

    /** With {@code errors} false, error lines are left to the caller (the CLI prints them itself). */
    public StreamLogSink(OutputStream out, LogFormat format, boolean debug, boolean closeOut, boolean errors) {
        this.out = out;
        this.format = format;
        this.debug = debug;
        this.closeOut = closeOut;
        this.errors = errors;
    }

    @Override
    public boolean debugEnabled() {
        return debug;
    }

    @Override
    public synchronized void log(Level level, String message) {
        if (level == Level.DEBUG && !debug || level == Level.ERROR && !errors) {
            return;
        }
        String time = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
        String lvl = level.name().toLowerCase(java.util.Locale.ROOT);
        if (lvl.equals("warn")) {
            lvl = "warning";
        }
        String line = format == LogFormat.JSON
                ? "{\"level\":\"" + lvl + "\",\"msg\":" + jsonString(message) + ",\"time\":\"" + time + "\"}\n"
                : "time=\"" + time + "\" level=" + lvl + " msg=" + jsonString(message) + "\n";
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // logging must never turn a result into a failure
        }
    }

    @Override
    public void close() {
        if (closeOut) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing useful to do
            }
        }
    }

    /** A JSON string literal, with the escapes JSON requires. */
    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
