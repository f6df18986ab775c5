package dev.jrt.runtime.cgroups;

import static dev.jrt.runtime.cgroups.FakeCgroupfs.dir;
import static dev.jrt.runtime.cgroups.FakeCgroupfs.get;
import static dev.jrt.runtime.cgroups.FakeCgroupfs.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.spec.model.LinuxBlockIo;
import dev.jrt.spec.model.LinuxCpu;
import dev.jrt.spec.model.LinuxHugepageLimit;
import dev.jrt.spec.model.LinuxMemory;
import dev.jrt.spec.model.LinuxNetwork;
import dev.jrt.spec.model.LinuxPids;
import dev.jrt.spec.model.LinuxResources;
import dev.jrt.spec.model.LinuxThrottleDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup v2 writers and runc's v1-to-v2 conversions against a fake cgroupfs. */
class V2ResourcesTest {
    @TempDir
    Path root;

    private Path c;

    @BeforeEach
    void layout() {
        c = dir(root.resolve("c"), "cgroup.controllers", "cgroup.procs", "memory.max", "memory.swap.max", "memory.low",
                "memory.high", "memory.current", "cpu.weight", "cpu.max", "cpu.max.burst", "cpu.idle", "cpuset.cpus",
                "cpuset.mems", "pids.max", "io.weight", "io.max", "hugetlb.2MB.max", "hugetlb.2MB.rsvd.max");
        put(c, "cgroup.controllers", "cpuset cpu io memory hugetlb pids");
        put(c, "memory.max", "max");
        put(c, "memory.current", "104857600");
    }

    private void apply(LinuxResources r) {
        new V2CgroupManager(c).apply(r);
    }

    private String fails(LinuxResources r) {
        return assertThrows(CgroupException.class, () -> apply(r)).getMessage();
    }

    private static LinuxResources memory(LinuxMemory m) {
        return new LinuxResources(null, m, null, null, null, null, null, null, null);
    }

    private static LinuxResources cpu(LinuxCpu cpu) {
        return new LinuxResources(null, null, cpu, null, null, null, null, null, null);
    }

    private static LinuxResources unified(Map<String, String> u) {
        return new LinuxResources(null, null, null, null, null, null, null, null, u);
    }

    @Test
    void swapIsConvertedToSwapAlone() {
        apply(memory(new LinuxMemory(64L << 20, 16L << 20, 96L << 20, null, null, null, null, null, null)));
        assertEquals(Long.toString(64L << 20), get(c, "memory.max"));
        assertEquals(Long.toString(32L << 20), get(c, "memory.swap.max"));
        assertEquals(Long.toString(16L << 20), get(c, "memory.low"));
    }

    @Test
    void unlimitedMemoryIsMaxForBoth() {
        apply(memory(new LinuxMemory(-1L, null, null, null, null, null, null, null, null)));
        assertEquals("max", get(c, "memory.max"));
        assertEquals("max", get(c, "memory.swap.max"));
    }

    @Test
    void swapBelowTheLimitIsRefused() {
        String m = fails(memory(new LinuxMemory(64L << 20, null, 32L << 20, null, null, null, null, null, null)));
        assertEquals("/linux/resources/memory/swap: memory+swap limit 33554432 is less than the memory limit 67108864;"
                + " allowed: at least the memory limit, or -1", m);
    }

    @Test
    void swapAloneUsesTheCurrentLimit() {
        put(c, "memory.max", Long.toString(64L << 20));
        apply(memory(new LinuxMemory(null, null, 128L << 20, null, null, null, null, null, null)));
        assertEquals(Long.toString(64L << 20), get(c, "memory.swap.max"));
        put(c, "memory.max", "max");
        assertEquals("/linux/resources/memory/swap: a swap limit needs a memory limit",
                fails(memory(new LinuxMemory(null, null, 128L << 20, null, null, null, null, null, null))));
    }

    @Test
    void checkBeforeUpdateRefusesALimitBelowUsage() {
        String m = fails(memory(new LinuxMemory(50L << 20, null, null, null, null, null, null, null, true)));
        assertEquals("/linux/resources/memory/limit: 52428800 is below the container's current memory usage 104857600"
                + " and checkBeforeUpdate is set; allowed: at least 104857600", m);
        assertEquals("max", get(c, "memory.max"), "nothing written");
    }

    @Test
    void v1OnlyMemoryFieldsAreRefusedWhenSet() {
        assertEquals("/linux/resources/memory/swappiness: memory.swappiness does not exist on cgroup v2, which this host"
                + " has; allowed: leave it unset",
                fails(memory(new LinuxMemory(null, null, null, null, null, 60L, null, null, null))));
        assertEquals("/linux/resources/memory/disableOOMKiller: disabling the OOM killer does not exist on cgroup v2,"
                + " which this host has; allowed: leave it unset",
                fails(memory(new LinuxMemory(null, null, null, null, null, null, true, null, null))));
        apply(memory(new LinuxMemory(null, null, null, null, 0L, null, false, null, null)));
    }

    @Test
    void sharesBecomeWeightAndQuotaPeriodBecomeCpuMax() {
        apply(cpu(new LinuxCpu(1024L, 50000L, 2000L, 100000L, null, null, "0", "0", 0L)));
        assertEquals("39", get(c, "cpu.weight"));
        assertEquals("50000 100000", get(c, "cpu.max"));
        assertEquals("2000", get(c, "cpu.max.burst"));
        assertEquals("0", get(c, "cpu.idle"));
        assertEquals("0", get(c, "cpuset.cpus"));
        apply(cpu(new LinuxCpu(null, -1L, null, 50000L, null, null, null, null, null)));
        assertEquals("max 50000", get(c, "cpu.max"));
        apply(cpu(new LinuxCpu(null, 20000L, null, null, null, null, null, null, null)));
        assertEquals("20000", get(c, "cpu.max"));
    }

    @Test
    void realtimeIsRefused() {
        assertEquals("/linux/resources/cpu/realtimeRuntime: a realtime cpu budget does not exist on cgroup v2, which"
                + " this host has; allowed: leave it unset",
                fails(cpu(new LinuxCpu(null, null, null, null, 1000L, null, null, null, null))));
    }

    @Test
    void aControllerNotEnabledIsNamed() {
        put(c, "cgroup.controllers", "memory");
        assertEquals("/linux/resources/pids/limit: the pids cgroup controller is not available to " + c
                + " (enabled: memory)", fails(new LinuxResources(null, null, null, new LinuxPids(10L), null, null, null, null, null)));
    }

    @Test
    void ioWeightIsConvertedAndThrottlesUseIoMax() {
        apply(new LinuxResources(null, null, null, null, new LinuxBlockIo(500, null, null,
                List.of(new LinuxThrottleDevice(8L, 0L, 1048576L)), null, null, null), null, null, null, null));
        assertEquals("4950", get(c, "io.weight"));
        assertEquals("8:0 rbps=1048576", get(c, "io.max"));
        dir(c, "io.bfq.weight");
        apply(new LinuxResources(null, null, null, null, new LinuxBlockIo(500, null, null, null, null, null, null),
                null, null, null, null));
        assertEquals("500", get(c, "io.bfq.weight"), "bfq takes the blkio weight as it is");
    }

    @Test
    void hugetlbUsesMaxAndRsvdMax() {
        apply(new LinuxResources(null, null, null, null, null, List.of(new LinuxHugepageLimit("2MB", 2097152L)),
                null, null, null));
        assertEquals("2097152", get(c, "hugetlb.2MB.max"));
        assertEquals("2097152", get(c, "hugetlb.2MB.rsvd.max"));
    }

    @Test
    void networkIsRefusedOnV2() {
        assertEquals("/linux/resources/network: net_cls and net_prio exist only on cgroup v1; this host has cgroup v2"
                + " (classify traffic with an eBPF program instead)",
                fails(new LinuxResources(null, null, null, null, null, null, new LinuxNetwork(1L, null), null, null)));
    }

    @Test
    void unifiedWritesKnownFilesAndRefusesTheRest() {
        apply(unified(Map.of("memory.high", "1048576")));
        assertEquals("1048576", get(c, "memory.high"));
        assertEquals("/linux/resources/unified/memory.nosuch: unknown cgroup v2 file \"memory.nosuch\"; " + c
                + " has no such file", fails(unified(Map.of("memory.nosuch", "1"))));
        assertEquals("/linux/resources/unified/rdma.max: the rdma cgroup controller is not available to " + c
                + " (enabled: cpuset cpu io memory hugetlb pids)", fails(unified(Map.of("rdma.max", "x"))));
        assertEquals("/linux/resources/unified/..~1memory.max: \"../memory.max\" is not a cgroup v2 file name; allowed:"
                + " a file such as memory.high in the container's cgroup", fails(unified(Map.of("../memory.max", "1"))));
        assertEquals("/linux/resources/unified/cgroup.procs: cgroup.procs may not be set through the config; it belongs"
                + " to the runtime", fails(unified(Map.of("cgroup.procs", "1"))));
    }

    @Test
    void createEnablesTheControllersOfTheAncestors() {
        Path r = dir(root.resolve("root"), "cgroup.controllers", "cgroup.subtree_control");
        put(r, "cgroup.controllers", "memory");
        new V2CgroupManager(r, r.resolve("a/b")).create();
        assertEquals("+memory", get(r, "cgroup.subtree_control"));
    }

    @Test
    void conversionsMatchRunc() {
        assertEquals(1, V2Values.cpuWeight(2));
        assertEquals(10000, V2Values.cpuWeight(262144));
        assertEquals(0, V2Values.cpuWeight(0));
        assertEquals(1, V2Values.ioWeight(10));
        assertEquals(10000, V2Values.ioWeight(1000));
        assertEquals(-1, V2Values.swapMax(0, -1));
        assertEquals(0, V2Values.swapMax(0, 100));
        assertEquals(-1, V2Values.swapMax(-1, 100));
        assertEquals(50, V2Values.swapMax(150, 100));
    }
}
