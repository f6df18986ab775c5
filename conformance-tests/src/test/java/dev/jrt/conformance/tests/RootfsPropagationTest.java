package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.MountInfo;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.RuntimeCli;
import dev.jrt.conformance.support.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config-linux.md "Rootfs Mount Propagation", and runc's --no-pivot. */
@ConformanceTest
class RootfsPropagationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rprivate", "private"})
    @Requirement(file = "config-linux.md", heading = "Rootfs Mount Propagation",
            text = "rootfsPropagation sets the rootfs's mount propagation: private gives a private / (shared and"
                    + " unbindable: LinuxMiscTest)")
    void aPrivatePropagationGivesAPrivateRoot(String value, Sandbox sb) {
        var b = sb.bundle();
        b.linux().put("rootfsPropagation", value);
        ProbeReport p = sb.report(b.build());
        MountInfo root = p.mountAt("/").orElseThrow(() -> new AssertionError("no / in " + p.mounts()));
        assertEquals("private", root.propagation(), value + " -> " + root.optional());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Create",
            text = "create with --no-pivot (runc's flag): the process sees the root filesystem as / (MS_MOVE and chroot instead of pivot_root)")
    void noPivotStillShowsTheRootfsAsRoot(Sandbox sb) {
        var b = sb.bundle().rootfsFile("no-pivot-marker", "moved here", "rw-r--r--").args("/probe", "cat", "/no-pivot-marker").build();
        String id = sb.newId();
        CliResult r = sb.cli().exec(RuntimeCli.Call.of("run", "--no-pivot", "--bundle", b.dir().toString(), id));
        assertTrue(r.ok(), r.describe());
        assertTrue(r.stdout().contains("moved here"), r.stdout());
    }
}
