package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.MountInfo;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.md "Mounts": filesystem types beyond the defaults, and bind mounts of single files. */
@ConformanceTest
class MountTypesTest {

    private static MountInfo at(ProbeReport p, String where) {
        return p.mountAt(where).orElseThrow(() -> new AssertionError("nothing mounted at " + where + ": " + p.mounts()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mqueue,/mq", "sysfs,/sys2", "cgroup2,/cg2", "proc,/proc2", "tmpfs,/tmp2"})
    @Requirement(file = "config.md", heading = "Mounts",
            text = "type: the type of the filesystem to be mounted (any filesystem the kernel supports)")
    void aFilesystemTypeIsMounted(String type, String destination, Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().mount(destination, type, type, "nosuid", "nodev", "noexec").build());
        MountInfo m = at(p, destination);
        assertEquals(type, m.fsType());
        assertTrue(m.hasOption("nosuid") && m.hasOption("nodev") && m.hasOption("noexec"), m.toString());
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "type overlay with lowerdir/upperdir/workdir data: the merged view is mounted at destination")
    void anOverlayIsMounted(Sandbox sb) throws Exception {
        Path lower = sb.hostDir("lower");
        Path upper = sb.hostDir("upper");
        Path work = sb.hostDir("work");
        Files.writeString(lower.resolve("from-lower"), "lower layer");
        var b = sb.bundle().mount("/merged", "overlay", "overlay", "lowerdir=" + lower, "upperdir=" + upper, "workdir=" + work)
                .shell("cat /merged/from-lower; echo up > /merged/written").build();
        assertEquals("lower layer", sb.run(b).stdout());
        assertEquals("up\n", Files.readString(upper.resolve("written")));
        assertTrue(!Files.exists(lower.resolve("written")));
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "destination: a bind mount of a file onto a missing destination creates a file there (not a directory)")
    void aFileIsBoundOntoANewFile(Sandbox sb) throws Exception {
        Path dir = sb.hostDir("files");
        Path file = Files.writeString(dir.resolve("one-file"), "just this file");
        var b = sb.bundle().bind(file, "/etc/bound/one-file", "bind", "ro").shell("cat /etc/bound/one-file; test -f /etc/bound/one-file && echo ' is a file'").build();
        assertEquals("just this file is a file\n", sb.run(b).stdout());
    }
}
