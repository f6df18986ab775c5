package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** config.md "Root". */
@ConformanceTest
class RootTest {

    @Test
    @Requirement(file = "config.md", heading = "Root",
            text = "readonly: if true then the root filesystem MUST be read-only inside the container")
    void aReadonlyRootRejectsWrites(Sandbox sb) {
        var b = sb.bundle().rootReadonly(true).args("/probe", "write", "/newfile", "x");
        ProbeReport p = ProbeReport.parse(sb.tryRun(b.build()).stdout());
        assertEquals(30, p.errno(), "write to / of a readonly root: " + p); // EROFS
        assertFalse(Files.exists(b.rootfs().resolve("newfile")));
    }

    @Test
    @Requirement(file = "config.md", heading = "Root",
            text = "readonly defaults to false: the root filesystem is writable")
    void aDefaultRootIsWritable(Sandbox sb) {
        var b = sb.bundle().args("/probe", "write", "/newfile", "x");
        b.config().withObjectProperty("root").remove("readonly");
        ProbeReport p = ProbeReport.parse(sb.run(b.build()).stdout());
        assertEquals(0, p.errno(), p.toString());
        assertTrue(Files.exists(b.rootfs().resolve("newfile")));
    }

    @Test
    @Requirement(file = "config.md", heading = "Root",
            text = "path: a relative path is relative to the bundle; the process sees that directory as /")
    void theRootPathIsTheContainerRoot(Sandbox sb) throws Exception {
        var b = sb.bundle().args("/probe", "cat", "/marker");
        Files.writeString(b.rootfs().resolve("marker"), "this rootfs");
        assertEquals("this rootfs", sb.run(b.build()).stdout());
    }

    @Test
    @Requirement(file = "config.md", heading = "Root",
            text = "path: an absolute path to the root filesystem is accepted")
    void anAbsoluteRootPathWorks(Sandbox sb) throws Exception {
        var b = sb.bundle().args("/probe", "cat", "/marker");
        Files.writeString(b.rootfs().resolve("marker"), "absolute");
        b.rootPath(b.rootfs().toString());
        assertEquals("absolute", sb.run(b.build()).stdout());
    }

    @Test
    @Requirement(file = "config.md", heading = "Root",
            text = "path: a directory MUST exist at the path declared by the field (else the runtime generates an error)")
    void aMissingRootIsAnError(Sandbox sb) {
        assertFalse(sb.tryRun(sb.bundle().rootPath("missing-rootfs").build()).ok());
    }
}
