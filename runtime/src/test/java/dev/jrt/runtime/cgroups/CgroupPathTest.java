package dev.jrt.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupPathTest {
    @Test
    void absolutePathsStartAtTheRoot() {
        assertEquals("/a/b", CgroupPath.resolve("/a/b", "id", "/user.slice"));
    }

    @Test
    void relativePathsAndTheDefaultStartAtTheCallersCgroup() {
        assertEquals("/own/a", CgroupPath.resolve("a", "id", "/own"));
        assertEquals("/own/id", CgroupPath.resolve(null, "id", "/own"));
        assertEquals("/id", CgroupPath.resolve("", "id", "/"));
    }

    @Test
    void dotDotMayNotEscapeTheRoot() {
        assertEquals("/a/c", CgroupPath.resolve("/a/b/../c", "id", "/"));
        CgroupException e = assertThrows(CgroupException.class, () -> CgroupPath.resolve("/../../etc", "id", "/"));
        assertEquals("/linux/cgroupsPath: \"/../../etc\" escapes the cgroup root; allowed: a path that stays inside it", e.getMessage());
    }

    @Test
    void hybridHostIsDetectedFromMountinfo() {
        CgroupHost host = CgroupHost.parse(List.of(
                "30 25 0:26 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "31 30 0:27 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                "32 30 0:28 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
                "33 30 0:29 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
                "34 30 0:30 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw"),
                List.of("4:memory:/process_api/x", "1:cpu:/", "9:name=systemd:/", "0::/"));
        assertEquals(CgroupHost.Mode.HYBRID, host.mode());
        assertEquals(List.of("cpu", "memory", "name=systemd"), List.copyOf(host.v1Mounts().keySet()));
        assertEquals("/process_api/x", host.ownV1().get("memory"));
        V1CgroupManager m = V1CgroupManager.forContainer(host, null, "c1");
        assertEquals("/sys/fs/cgroup/memory/process_api/x/c1", m.paths().get("memory"));
        assertEquals("/sys/fs/cgroup/unified/c1", m.paths().get(""));
    }

    @Test
    void unifiedHostIsDetectedFromMountinfo() {
        CgroupHost host = CgroupHost.parse(List.of("30 25 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate"),
                List.of("0::/init.scope"));
        assertEquals(CgroupHost.Mode.UNIFIED, host.mode());
        assertEquals("/sys/fs/cgroup/init.scope/c1",
                CgroupManagers.forContainer(host, "c1", "x").paths().get(""));
    }
}
