package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.MountInfo;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.md "Linux mount options": the recursive forms (mount_setattr with AT_RECURSIVE). */
@ConformanceTest
class RecursiveMountOptionsTest {

    /** Submounts of the bind source as the container sees them. */
    private static List<MountInfo> submounts(ProbeReport p) {
        List<MountInfo> subs = p.mounts().stream().filter(m -> m.mountPoint().startsWith("/rec/")).toList();
        assertFalse(subs.isEmpty(), "no submount under /rec: " + p.mounts());
        return subs;
    }

    /** A host directory with a tmpfs mounted below it with {@code options}, unmounted when the sandbox closes. */
    private static Path sourceWithSubmount(Sandbox sb, String options) {
        Path src = sb.hostDir("rec");
        Path sub = src.resolve("sub");
        try {
            Files.createDirectories(sub);
            command("mount", "-t", "tmpfs", "-o", "size=1m," + options, "rec-sub", sub.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        sb.onClose(() -> {
            try {
                command("umount", "-l", sub.toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return src;
    }

    private static void command(String... cmd) throws java.io.IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new java.io.IOException(String.join(" ", cmd) + ": " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rro,ro", "rnosuid,nosuid", "rnodev,nodev", "rnoexec,noexec", "rnoatime,noatime",
            "rnodiratime,nodiratime"})
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes MUST/SHOULD implement the recursive options (rro, rnosuid, ...): every submount gets the flag")
    void aRecursiveOptionReachesEverySubmount(String option, String flag, Sandbox sb) {
        Path src = sourceWithSubmount(sb, "rw");
        ProbeReport p = sb.report(sb.bundle().bind(src, "/rec", "rbind", option).build());
        for (MountInfo m : submounts(p)) {
            assertTrue(m.hasOption(flag), option + " -> " + m.mountPoint() + " " + m.options());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rrw,ro", "rsuid,nosuid", "rdev,nodev", "rexec,noexec"})
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes MUST/SHOULD implement the recursive options: the clearing forms (rrw, rsuid, ...) clear the flag on every submount")
    void aClearingRecursiveOptionClearsEverySubmount(String option, String flag, Sandbox sb) {
        Path src = sourceWithSubmount(sb, "ro,nosuid,nodev,noexec");
        ProbeReport p = sb.report(sb.bundle().bind(src, "/rec", "rbind", option).build());
        for (MountInfo m : submounts(p)) {
            assertFalse(m.hasOption(flag), option + " -> " + m.mountPoint() + " " + m.options());
        }
    }
}
