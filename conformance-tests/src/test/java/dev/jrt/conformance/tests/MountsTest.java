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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.md "Mounts" and "Linux mount options"; config-linux.md "Default Filesystems". */
@ConformanceTest
class MountsTest {

    private static MountInfo mountAt(ProbeReport p, String where) {
        return p.mountAt(where).orElseThrow(() -> new AssertionError("nothing mounted at " + where + ": " + p.mounts()));
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "The runtime MUST mount entries in the listed order (a later mount inside an earlier one is visible)")
    void mountsAreMadeInTheListedOrder(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().mount("/m", "tmpfs", "first", "size=1m")
                .mount("/m/inner", "tmpfs", "second", "size=1m").build());
        List<String> order = p.mounts().stream().map(MountInfo::mountPoint).filter(s -> s.startsWith("/m")).toList();
        assertEquals(List.of("/m", "/m/inner"), order);
        assertEquals("second", mountAt(p, "/m/inner").source());
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "The runtime MUST mount entries in the listed order (two mounts on one destination: the last one is on top)")
    void theLastMountOnADestinationIsOnTop(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().mount("/m", "tmpfs", "under", "size=1m")
                .mount("/m", "tmpfs", "over", "size=1m").build());
        assertEquals("over", mountAt(p, "/m").source());
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "destination, type, source and options: a tmpfs is mounted at destination with its filesystem options (mode=)")
    void aTmpfsIsMountedWithItsOptions(Sandbox sb) {
        var b = sb.bundle().mount("/data", "tmpfs", "tmpfs", "size=2m", "mode=0710", "nosuid").build();
        MountInfo m = mountAt(sb.report(b), "/data");
        assertEquals("tmpfs", m.fsType());
        assertTrue(m.hasOption("nosuid"), m.toString());
        ProbeReport st = ProbeReport.parse(sb.run(sb.bundle().mount("/data", "tmpfs", "tmpfs", "size=2m", "mode=0710")
                .args("/probe", "stat", "/data").build()).stdout());
        assertEquals("0710", st.text("mode"));
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "bind: bind mount; the host directory's content is visible and writes reach the host")
    void aBindMountSharesTheHostDirectory(Sandbox sb) throws Exception {
        Path host = sb.hostDir("shared");
        Files.writeString(host.resolve("from-host"), "hello");
        var b = sb.bundle().bind(host, "/shared", "bind").shell("cat /shared/from-host; echo back > /shared/from-container").build();
        assertEquals("hello", sb.run(b).stdout());
        assertEquals("back\n", Files.readString(host.resolve("from-container")));
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "ro on a bind mount: the mount is read-only inside the container (write fails with EROFS)")
    void aReadOnlyBindMountRejectsWrites(Sandbox sb) {
        Path host = sb.hostDir("ro");
        var b = sb.bundle().bind(host, "/ro", "bind", "ro").args("/probe", "write", "/ro/x", "data").build();
        ProbeReport p = ProbeReport.parse(sb.tryRun(b).stdout());
        assertEquals(30, p.errno(), "write into a ro bind mount: " + p); // EROFS
        assertTrue(!Files.exists(host.resolve("x")));
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "rbind: recursive bind mount (a mount below the source is visible)")
    void rbindIncludesSubmounts(Sandbox sb) {
        // the bundle's own /dev tmpfs is not visible from the host; bind the host's /sys/fs/cgroup, which has submounts
        ProbeReport p = sb.report(sb.bundle().bind(Path.of("/sys/fs/cgroup"), "/hostcg", "rbind", "ro").build());
        assertTrue(p.mounts().stream().anyMatch(m -> m.mountPoint().startsWith("/hostcg/")),
                "no submount of /sys/fs/cgroup under /hostcg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ro,ro", "nosuid,nosuid", "nodev,nodev", "noexec,noexec", "noatime,noatime",
            "nodiratime,nodiratime", "relatime,relatime", "nosymfollow,nosymfollow"})
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes MUST/SHOULD implement the option strings (mount(8) flags appear on the mount)")
    void aMountOptionSetsItsFlag(String option, String flag, Sandbox sb) {
        MountInfo m = mountAt(sb.report(sb.bundle().mount("/opt-test", "tmpfs", "tmpfs", "size=1m", option).build()), "/opt-test");
        assertTrue(m.hasOption(flag), option + " -> " + m.options());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rw,ro", "suid,nosuid", "dev,nodev", "exec,noexec"})
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes MUST implement the option strings: a later option clears its opposite (e.g. ro then rw)")
    void aLaterOptionClearsItsOpposite(String option, String opposite, Sandbox sb) {
        MountInfo m = mountAt(sb.report(sb.bundle().mount("/opt-test", "tmpfs", "tmpfs", "size=1m", opposite, option).build()), "/opt-test");
        assertTrue(!m.hasOption(opposite), opposite + "," + option + " -> " + m.options());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rprivate,private", "rshared,shared", "runbindable,unbindable",
            "private,private", "shared,shared", "unbindable,unbindable"})
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes MUST implement the propagation options (private, shared, unbindable and their recursive forms) on bind mounts; slave is not tested: a slave of a lone peer group is private")
    void aPropagationOptionIsApplied(String option, String expected, Sandbox sb) {
        Path host = sb.hostDir("prop");
        MountInfo m = mountAt(sb.report(sb.bundle().bind(host, "/prop", "rbind", option).build()), "/prop");
        assertEquals(expected, m.propagation(), option + " -> " + m.optional());
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "Runtimes SHOULD treat unknown options as filesystem-specific ones (passed as mount data)")
    void unknownOptionsArePassedAsFilesystemData(Sandbox sb) {
        // nr_inodes= is not a mount(8) flag: tmpfs must receive it as data
        MountInfo m = mountAt(sb.report(sb.bundle().mount("/fsdata", "tmpfs", "tmpfs", "size=1m", "nr_inodes=1234").build()), "/fsdata");
        assertTrue(m.superOptions().contains("nr_inodes=1234"), m.superOptions().toString());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Default Filesystems",
            text = "The following filesystems SHOULD be made available in each container's filesystem: /proc proc, /sys sysfs, /dev/pts devpts, /dev/shm tmpfs")
    void theDefaultFilesystemsAreAvailable(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().build());
        assertEquals("proc", mountAt(p, "/proc").fsType());
        assertEquals("sysfs", mountAt(p, "/sys").fsType());
        assertEquals("devpts", mountAt(p, "/dev/pts").fsType());
        assertEquals("tmpfs", mountAt(p, "/dev/shm").fsType());
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "destination: a mount point that does not exist in the rootfs is created")
    void aMissingDestinationIsCreated(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().mount("/new/deeper/dir", "tmpfs", "tmpfs", "size=1m").build());
        assertEquals("tmpfs", mountAt(p, "/new/deeper/dir").fsType());
    }
}
