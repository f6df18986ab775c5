package dev.jrt.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrt.runtime.log.LogSink;
import dev.jrt.spec.model.LinuxCapabilities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityWarningsTest {
    @Test
    void unknownAndUngrantableCapabilitiesAreWarningsNamingTheirField() {
        List<String> lines = new ArrayList<>();
        LogSink sink = new LogSink() {
            @Override
            public void log(Level level, String message) {
                lines.add(level + " " + message);
            }

            @Override
            public boolean debugEnabled() {
                return false;
            }
        };
        LinuxCapabilities caps = new LinuxCapabilities(List.of("CAP_KILL", "CAP_NOT_REAL"), List.of("CAP_SYS_RESOURCE"),
                null, List.of("CAP_KILL"), null);
        ProcessSecurity.warnCapabilities(caps, ~(1L << 24), sink);
        assertEquals(List.of(
                "WARN config.json: /process/capabilities/bounding/1: unknown capability \"CAP_NOT_REAL\" ignored",
                "WARN config.json: /process/capabilities/effective/0: CAP_SYS_RESOURCE is not in this host's capability"
                        + " bounding set and cannot be granted: left out"), lines);
    }
}
