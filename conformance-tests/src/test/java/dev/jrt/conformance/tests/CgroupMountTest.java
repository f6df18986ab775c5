package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.MountInfo;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * A mount of type "cgroup" on a cgroup v1 (or hybrid) host, as runc makes it: a tmpfs at the
 * destination with one mount per v1 hierarchy; the container sees its own cgroup there.
 */
@ConformanceTest
class CgroupMountTest {

    @BeforeEach
    void v1Host() throws IOException {
        Assumptions.assumeTrue(Files.readString(Path.of("/proc/self/mountinfo")).contains(" - cgroup cgroup "),
                "needs cgroup v1 hierarchies on the host");
    }

    /** The container's own cgroup in the memory hierarchy, from its /proc/self/cgroup. */
    private static String memoryCgroup(ProbeReport p) {
        return p.cgroupLines().stream().filter(l -> l.split(":", 3)[1].equals("memory")).map(l -> l.split(":", 3)[2])
                .findFirst().orElseThrow(() -> new AssertionError("no memory line in " + p.cgroupLines()));
    }

    private static MountInfo at(ProbeReport p, String where) {
        return p.mountAt(where).orElseThrow(() -> new AssertionError("nothing mounted at " + where + ": " + p.mounts()));
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "type cgroup without a cgroup namespace: each v1 hierarchy shows the container's own cgroup, read-only with ro")
    void eachHierarchyShowsTheContainersOwnCgroup(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().withoutMount("/sys/fs/cgroup")
                .mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro").build());
        assertEquals("tmpfs", at(p, "/sys/fs/cgroup").fsType());
        MountInfo memory = at(p, "/sys/fs/cgroup/memory");
        assertEquals("cgroup", memory.fsType());
        assertTrue(memory.hasOption("ro"), memory.toString());
        String own = memoryCgroup(p);
        assertTrue(!own.equals("/"), "the container shares the host's root memory cgroup: " + own);
        assertEquals(own, memory.root(), "the mount shows another cgroup than the container's");
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "ro on a cgroup mount: the tmpfs that holds the hierarchies is read-only too (nothing can be created in it)")
    @Deviation(runtime = "runc", reason = "runc 1.1 leaves the tmpfs at the destination read-write (mountCgroupV1's remount does not take)")
    void theCgroupTmpfsIsReadOnlyWithRo(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().withoutMount("/sys/fs/cgroup")
                .mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro").build());
        MountInfo top = at(p, "/sys/fs/cgroup");
        assertTrue(top.hasOption("ro"), top.toString());
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "type cgroup with a cgroup namespace: each v1 hierarchy is mounted, rooted at the namespace's root")
    void withACgroupNamespaceEachHierarchyIsMounted(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().withoutMount("/sys/fs/cgroup").namespace("cgroup")
                .mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime").build());
        MountInfo memory = at(p, "/sys/fs/cgroup/memory");
        assertEquals("cgroup", memory.fsType());
        assertEquals("/", memory.root());
        assertEquals("/", memoryCgroup(p));
        assertTrue(!memory.hasOption("ro"), memory.toString());
    }
}
