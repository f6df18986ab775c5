package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import org.junit.jupiter.api.Test;

/** config-linux.md "Masked Paths" and "Readonly Paths". */
@ConformanceTest
class PathsTest {

    @Test
    @Requirement(file = "config-linux.md", heading = "Masked Paths",
            text = "maskedPaths will mask over the provided paths inside the container so that they cannot be read (a file reads empty)")
    void aMaskedFileReadsEmpty(Sandbox sb) {
        // /proc/self/status is never empty; masked it must be
        CliResult unmasked = sb.run(sb.bundle().args("/probe", "cat", "/proc/timer_list").build());
        assertNotEquals("", unmasked.stdout(), "/proc/timer_list is empty even unmasked: cannot test");
        CliResult r = sb.tryRun(sb.bundle().maskedPaths("/proc/timer_list").args("/probe", "cat", "/proc/timer_list").build());
        assertEquals("", r.stdout(), "masked /proc/timer_list was readable");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Masked Paths",
            text = "maskedPaths will mask over the provided paths inside the container (a directory appears empty)")
    void aMaskedDirectoryIsEmpty(Sandbox sb) {
        CliResult r = sb.run(sb.bundle().maskedPaths("/etc").shell("ls -A /etc | wc -l").build());
        assertEquals("0", r.stdout().trim());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Readonly Paths",
            text = "readonlyPaths will set the provided paths as readonly inside the container")
    void aReadonlyPathRejectsWrites(Sandbox sb) {
        var b = sb.bundle().readonlyPaths("/tmp").args("/probe", "write", "/tmp/x", "data");
        ProbeReport p = ProbeReport.parse(sb.tryRun(b.build()).stdout());
        assertEquals(30, p.errno(), p.toString()); // EROFS
        ProbeReport rep = sb.report(sb.bundle().readonlyPaths("/proc/sys").build());
        assertTrue(rep.mountAt("/proc/sys").orElseThrow().hasOption("ro"), "/proc/sys is not a ro mount");
    }
}
