package dev.jrt.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerIdAndSignalsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../x", "a b", "x\n"})
    void idsThatCouldTouchOtherPathsAreRefused(String id) {
        assertThrows(InvalidIdException.class, () -> ContainerId.of(id));
    }

    @Test
    void ordinaryIdsAreAccepted() {
        assertEquals("abc-1_2.3+x", ContainerId.of("abc-1_2.3+x").value());
    }

    @Test
    void signalsParseByNumberAndName() {
        assertEquals(9, Signals.parse("9"));
        assertEquals(9, Signals.parse("KILL"));
        assertEquals(15, Signals.parse("SIGTERM"));
        assertEquals(1, Signals.parse("hup"));
        assertEquals(36, Signals.parse("RTMIN+2"));
        assertEquals("unknown signal \"SIGFOO\"", assertThrows(OciRuntimeException.class, () -> Signals.parse("SIGFOO")).getMessage());
        assertThrows(OciRuntimeException.class, () -> Signals.parse("0"));
    }
}
