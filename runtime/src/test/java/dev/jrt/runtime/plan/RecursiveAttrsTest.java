package dev.jrt.runtime.plan;

import static dev.jrt.runtime.plan.RecursiveAttrs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecursiveAttrsTest {
    @Test
    void flagsAreSetAndClearedAndTheLaterOneWins() {
        assertEquals(new RecursiveAttrs(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, 0), RecursiveAttrs.of(List.of("rro", "rnosuid")));
        assertEquals(new RecursiveAttrs(0, MOUNT_ATTR_RDONLY), RecursiveAttrs.of(List.of("rro", "rrw")));
        assertEquals(new RecursiveAttrs(MOUNT_ATTR_NODEV, MOUNT_ATTR_NOEXEC), RecursiveAttrs.of(List.of("rexec", "rnodev")));
    }

    @Test
    void anAtimeModeReplacesTheWholeField() {
        assertEquals(new RecursiveAttrs(MOUNT_ATTR_NOATIME, MOUNT_ATTR__ATIME), RecursiveAttrs.of(List.of("rnoatime")));
        assertEquals(new RecursiveAttrs(MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME),
                RecursiveAttrs.of(List.of("rnoatime", "rstrictatime")));
        assertEquals(new RecursiveAttrs(0, MOUNT_ATTR__ATIME), RecursiveAttrs.of(List.of("rnoatime", "ratime")));
    }

    @Test
    void aNonRecursiveOptionIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> RecursiveAttrs.of(List.of("ro")));
    }
}
