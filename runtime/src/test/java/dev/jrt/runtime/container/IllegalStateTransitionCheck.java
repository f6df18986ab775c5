package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.api.IllegalStateTransitionException;
import org.junit.jupiter.api.function.Executable;

final class IllegalStateTransitionCheck {
    private IllegalStateTransitionCheck() {}

    static void assertRefused(Executable op, String message) {
        assertEquals(message, assertThrows(IllegalStateTransitionException.class, op).getMessage());
    }
}
