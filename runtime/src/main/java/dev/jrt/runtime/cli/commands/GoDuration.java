package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.UsageException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Go's time.ParseDuration reads them: "5s", "100ms", "1m30s", "1.5h", "0". */
final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {}

    static Duration parse(String s) {
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (body.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(body);
        double nanos = 0;
        int at = 0;
        while (at < body.length() && m.find(at) && m.start() == at) {
            nanos += Double.parseDouble(m.group(1)) * NANOS.get(m.group(2));
            at = m.end();
        }
        if (body.isEmpty() || at != body.length()) {
            throw new UsageException("time: invalid duration \"" + s + "\" (examples: 5s, 100ms, 1m30s)");
        }
        Duration d = Duration.ofNanos((long) nanos);
        return s.startsWith("-") ? d.negated() : d;
    }
}
