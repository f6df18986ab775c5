package dev.jrt.runtime.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.cli.UsageException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** runc's flag value formats: go-units sizes and Go durations. */
class UnitsTest {
    @Test
    void sizesUseBinaryUnitsLikeRamInBytes() {
        assertEquals(512L << 20, ByteSize.parse("512m"));
        assertEquals(512L << 20, ByteSize.parse("512MiB"));
        assertEquals(1L << 30, ByteSize.parse("1G"));
        assertEquals(3L << 29, ByteSize.parse("1.5g"));
        assertEquals(64L << 10, ByteSize.parse("64 KB"));
        assertEquals(1000, ByteSize.parse("1000"));
        assertEquals("invalid size: '1x'", assertThrows(UsageException.class, () -> ByteSize.parse("1x")).getMessage());
        assertThrows(UsageException.class, () -> ByteSize.parse("-5m"));
    }

    @Test
    void durationsFollowGo() {
        assertEquals(Duration.ofSeconds(5), GoDuration.parse("5s"));
        assertEquals(Duration.ofMillis(100), GoDuration.parse("100ms"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1us500ns"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        for (String bad : new String[] {"5", "", "s", "5 s", "1m30", "abc"}) {
            assertEquals("time: invalid duration \"" + bad + "\" (examples: 5s, 100ms, 1m30s)",
                    assertThrows(UsageException.class, () -> GoDuration.parse(bad)).getMessage());
        }
    }
}
