package dev.jrt.runtime.process;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class InitFailedExceptionTest {
    @Test
    void messageNamesSourceWhatAndErrno() {
        assertEquals("/mounts/3: mount proc on /proc: EPERM (operation not permitted)",
                new InitFailedException(5, "/mounts/3", 1, "mount proc on /proc").getMessage());
        assertEquals("/hooks/prestart/0: hook /x exited with status 2",
                new InitFailedException(9, "/hooks/prestart/0", 0, "hook /x exited with status 2").getMessage());
        assertEquals("jrt-init: receive plan: EPIPE (broken pipe)",
                new InitFailedException(-1, null, 32, "receive plan").getMessage());
    }

    @Test
    void idMapsAreOneLinePerRange() {
        assertEquals("0 100000 65536\n", IdMapWriter.format(List.of(new IdMapping(0, 100000, 65536))));
        assertEquals("0 1000 1\n1 100000 65535\n",
                IdMapWriter.format(List.of(new IdMapping(0, 1000, 1), new IdMapping(1, 100000, 65535))));
        assertThrows(IllegalArgumentException.class, () -> new IdMapping(0, 0, 0));
    }
}
