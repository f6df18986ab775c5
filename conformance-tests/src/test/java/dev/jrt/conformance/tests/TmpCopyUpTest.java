package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** runc's tmpcopyup mount option (config.md "Linux mount options" lists it). */
@ConformanceTest
class TmpCopyUpTest {

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "tmpcopyup: a tmpfs mounted over a directory starts with a copy of its contents (files, links, modes)")
    void aTmpfsStartsWithACopyOfTheDirectory(Sandbox sb) throws Exception {
        var b = sb.bundle().rootfsFile("data/sub/file", "from the image", "rwxr-x---")
                .mount("/data", "tmpfs", "tmpfs", "tmpcopyup", "size=1m")
                .shell("cat /data/sub/file; echo; stat -c '%a %u' /data/sub/file; readlink /data/link;"
                        + " grep ' /data ' /proc/self/mountinfo | cut -d' ' -f9; echo changed > /data/sub/file");
        Files.createSymbolicLink(b.rootfs().resolve("data/link"), java.nio.file.Path.of("/etc/passwd"));
        Process chmod = new ProcessBuilder("chmod", "4750", b.rootfs().resolve("data/sub/file").toString()).start();
        assertEquals(0, chmod.waitFor());
        var built = b.build();
        String out = sb.run(built).stdout();
        assertEquals("from the image\n4750 0\n/etc/passwd\ntmpfs\n", out);
        // writes went to the tmpfs, not to the image
        assertEquals("from the image", Files.readString(b.rootfs().resolve("data/sub/file")));
        assertTrue(Files.isSymbolicLink(b.rootfs().resolve("data/link")));
    }
}
