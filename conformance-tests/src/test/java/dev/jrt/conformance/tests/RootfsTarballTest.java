package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.RuntimeUnderTest;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jrt's rootfs tarballs (root.path names a tar file): differential with runc, which gets the same
 * rootfs as a directory. The process must see the same files, owners and modes either way.
 */
@ConformanceTest
class RootfsTarballTest {

    /** For jrt, packs the bundle's rootfs and points root.path at the archive (the directory is moved away). */
    private static void asTarball(BundleBuilder b, String compressor) throws IOException, InterruptedException {
        if (!RuntimeUnderTest.get().name().equals("jrt")) {
            return; // the reference runtimes take directories: same content, same expected result
        }
        Path tar = b.dir().resolve("image.tar");
        run("tar", "--numeric-owner", "-C", b.rootfs().toString(), "-cf", tar.toString(), ".");
        Path archive = tar;
        if (!compressor.equals("none")) {
            run(compressor, "-q", "-f", tar.toString());
            archive = Path.of(tar + switch (compressor) {
                case "gzip" -> ".gz";
                case "xz" -> ".xz";
                default -> ".zst";
            });
        }
        Path renamed = b.dir().resolve("image");
        Files.move(archive, renamed);
        run("mv", b.rootfs().toString(), b.dir().resolve("rootfs-unused").toString());
        b.rootPath("image");
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "gzip", "xz", "zstd"})
    @Requirement(file = "config.md", heading = "Root",
            text = "path: the process sees the root filesystem's files with their owners and modes (jrt: also from a tarball)")
    void theProcessSeesTheSameFiles(String compressor, Sandbox sb) throws Exception {
        var b = sb.bundle().rootfsFile("srv/marker", "packed", "rw-r-----").args("/probe", "stat", "/srv/marker");
        run("chown", "123:456", b.rootfs().resolve("srv/marker").toString());
        asTarball(b, compressor);
        ProbeReport p = ProbeReport.parse(sb.run(b.build()).stdout());
        assertEquals("0640", p.text("mode"), p.toString());
        assertEquals(123, p.json().path("uid").asInt());
        assertEquals(456, p.json().path("gid").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "zstd"})
    @Requirement(file = "config.md", heading = "Root",
            text = "path: the process runs from the root filesystem and can write it unless readonly (jrt: also from a tarball)")
    void theProcessCanWriteItsRoot(String compressor, Sandbox sb) throws Exception {
        var b = sb.bundle().rootfsFile("srv/marker", "packed", "rw-r--r--")
                .shell("cat /srv/marker; echo ' changed' >> /srv/marker; cat /srv/marker");
        asTarball(b, compressor);
        assertEquals("packedpacked changed\n", sb.run(b.build()).stdout());
    }
}
