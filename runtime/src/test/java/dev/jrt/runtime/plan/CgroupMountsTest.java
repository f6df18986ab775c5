package dev.jrt.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrt.runtime.cgroups.CgroupHost;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.Spec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupMountsTest {
    private static final long RO_FLAGS = Linux.MS_RDONLY | Linux.MS_NOSUID;

    private static ContainerPlan withCgroupMount() {
        Op.Mount m = new Op.Mount("cgroup", "/sys/fs/cgroup", true, "cgroup", RO_FLAGS, null, Op.Create.DIR);
        return new ContainerPlan(List.of(new Op.Mkdir("/x", 0755), m), List.of("/a", "/mounts/3"), List.of());
    }

    private static CgroupHost v1Host() {
        Map<String, Path> v1 = new LinkedHashMap<>();
        v1.put("memory", Path.of("/sys/fs/cgroup/memory"));
        v1.put("cpu,cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        return new CgroupHost(v1, null, Map.of(), "/");
    }

    private static Spec spec(String namespaces) {
        return ConfigLoader.bind("{\"ociVersion\": \"1.0.2\", \"root\": {\"path\": \"r\"}, \"linux\": {\"namespaces\": ["
                + namespaces + "]}}");
    }

    @Test
    void withoutACgroupNamespaceTheContainersCgroupsAreBound() {
        Map<String, String> paths = Map.of("memory", "/sys/fs/cgroup/memory/c1", "cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct/c1");
        ContainerPlan p = CgroupMounts.expand(withCgroupMount(), spec("{\"type\": \"mount\"}"), v1Host(), paths);
        long bind = RO_FLAGS | Linux.MS_BIND | Linux.MS_REC;
        assertEquals(List.of(new Op.Mkdir("/x", 0755),
                new Op.Mount("tmpfs", "/sys/fs/cgroup", true, "tmpfs", Linux.MS_NOSUID | Linux.MS_NODEV | Linux.MS_NOEXEC,
                        "mode=755", Op.Create.DIR),
                new Op.Mount("/sys/fs/cgroup/memory/c1", "/sys/fs/cgroup/memory", true, "none", bind, null, Op.Create.DIR),
                new Op.Mount("/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/cpu,cpuacct", true, "none", bind, null, Op.Create.DIR),
                new Op.Symlink("cpu,cpuacct", "/sys/fs/cgroup/cpu"),
                new Op.Symlink("cpu,cpuacct", "/sys/fs/cgroup/cpuacct"),
                new Op.SetMountAttr("/sys/fs/cgroup", RecursiveAttrs.MOUNT_ATTR_RDONLY, 0, false)), p.ops());
        assertEquals(List.of("/a", "/mounts/3", "/mounts/3", "/mounts/3", "/mounts/3", "/mounts/3", "/mounts/3"), p.sources());
    }

    @Test
    void withACgroupNamespaceEachHierarchyIsMounted() {
        ContainerPlan p = CgroupMounts.expand(withCgroupMount(), spec("{\"type\": \"mount\"}, {\"type\": \"cgroup\"}"),
                v1Host(), Map.of());
        assertEquals(new Op.Mount("cgroup", "/sys/fs/cgroup/memory", true, "cgroup", RO_FLAGS, "memory", Op.Create.DIR),
                p.ops().get(2));
        assertEquals(new Op.Mount("cgroup", "/sys/fs/cgroup/cpu,cpuacct", true, "cgroup", RO_FLAGS, "cpu,cpuacct",
                Op.Create.DIR), p.ops().get(3));
    }

    @Test
    void onACgroupV2HostItIsACgroup2Mount() {
        ContainerPlan p = CgroupMounts.expand(withCgroupMount(), spec("{\"type\": \"mount\"}"),
                new CgroupHost(Map.of(), Path.of("/sys/fs/cgroup"), Map.of(), "/"), Map.of("", "/sys/fs/cgroup/c1"));
        assertEquals(new Op.Mount("cgroup", "/sys/fs/cgroup", true, "cgroup2", RO_FLAGS, null, Op.Create.DIR), p.ops().get(1));
    }
}
