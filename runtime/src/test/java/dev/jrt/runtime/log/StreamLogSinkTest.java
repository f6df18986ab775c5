package dev.jrt.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamLogSinkTest {
    @Test
    void jsonLinesAreWhatContainerdParses() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StreamLogSink(out, LogFormat.JSON, false, false).error("open \"x\": no such file or directory\n");
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("\\{\"level\":\"error\",\"msg\":\"open \\\\\"x\\\\\": no such file or directory\\\\n\","
                + "\"time\":\"[0-9T:.\\-]+Z\"}\n"), line);
    }

    @Test
    void debugLinesOnlyWithDebug() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StreamLogSink(out, LogFormat.TEXT, false, false).debug("x");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        new StreamLogSink(out, LogFormat.TEXT, true, false).debug("x");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(" level=debug msg=\"x\""));
    }
}
