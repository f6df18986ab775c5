package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.MountInfo;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.md "Linux mount options": the recursive forms (mount_setattr with AT_RECURSIVE). */
@ConformanceTest
class RecursiveMountOptionsTest {

    /** The host's /sys/fs/cgroup has submounts: an rbind of it shows whether an option reached them. */
    private static List<MountInfo> submounts(ProbeReport p) {
        List<MountInfo> subs = p.mounts().stream().filter(m -> m.mountPoint().startsWith("/hostcg/")).toList();
        assertFalse(subs.isEmpty(), "no submount of /sys/fs/cgroup under /hostcg: " + p.mounts());
        return subs;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rro,ro", "rnosuid,nosuid", "rnodev,nodev", "rnoexec,noexec", "rnoatime,noatime",
            "rnodiratime,nodiratime"})
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes MUST/SHOULD implement the recursive options (rro, rnosuid, ...): every submount gets the flag")
    void aRecursiveOptionReachesEverySubmount(String option, String flag, Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().bind(Path.of("/sys/fs/cgroup"), "/hostcg", "rbind", option).build());
        for (MountInfo m : submounts(p)) {
            assertTrue(m.hasOption(flag), option + " -> " + m.mountPoint() + " " + m.options());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rrw,ro", "rsuid,nosuid", "rdev,nodev", "rexec,noexec"})
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes MUST/SHOULD implement the recursive options: the clearing forms (rrw, rsuid, ...) clear the flag on every submount")
    void aClearingRecursiveOptionClearsEverySubmount(String option, String flag, Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().bind(Path.of("/sys/fs/cgroup"), "/hostcg", "rbind", "r" + (flag.equals("ro") ? "ro" : flag), option).build());
        for (MountInfo m : submounts(p)) {
            assertFalse(m.hasOption(flag), option + " -> " + m.mountPoint() + " " + m.options());
        }
    }
}
