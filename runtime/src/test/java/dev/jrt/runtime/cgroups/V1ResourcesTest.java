package dev.jrt.runtime.cgroups;

import static dev.jrt.runtime.cgroups.FakeCgroupfs.dir;
import static dev.jrt.runtime.cgroups.FakeCgroupfs.get;
import static dev.jrt.runtime.cgroups.FakeCgroupfs.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.spec.model.LinuxBlockIo;
import dev.jrt.spec.model.LinuxCpu;
import dev.jrt.spec.model.LinuxHugepageLimit;
import dev.jrt.spec.model.LinuxInterfacePriority;
import dev.jrt.spec.model.LinuxMemory;
import dev.jrt.spec.model.LinuxNetwork;
import dev.jrt.spec.model.LinuxPids;
import dev.jrt.spec.model.LinuxResources;
import dev.jrt.spec.model.LinuxThrottleDevice;
import dev.jrt.spec.model.LinuxWeightDevice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup v1 writers against a fake cgroupfs laid out like this host's hybrid one. */
class V1ResourcesTest {
    @TempDir
    Path root;

    private final Map<String, Path> dirs = new LinkedHashMap<>();
    private Path memory;
    private Path cpu;
    private Path cpuset;
    private Path pids;
    private Path blkio;

    @BeforeEach
    void layout() {
        memory = dir(root.resolve("memory/c"), "memory.limit_in_bytes", "memory.soft_limit_in_bytes",
                "memory.memsw.limit_in_bytes", "memory.swappiness", "memory.oom_control", "memory.kmem.tcp.limit_in_bytes",
                "memory.usage_in_bytes", "memory.max_usage_in_bytes");
        put(memory, "memory.limit_in_bytes", "9223372036854771712");
        cpu = dir(root.resolve("cpu,cpuacct/c"), "cpu.shares", "cpu.cfs_quota_us", "cpu.cfs_period_us",
                "cpu.cfs_burst_us", "cpu.rt_runtime_us", "cpu.rt_period_us", "cpu.idle");
        cpuset = dir(root.resolve("cpuset/c"), "cpuset.cpus", "cpuset.mems");
        pids = dir(root.resolve("pids/c"), "pids.max");
        blkio = dir(root.resolve("blkio/c"), "blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device",
                "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device");
        dirs.put("memory", memory);
        dirs.put("cpu,cpuacct", cpu);
        dirs.put("cpuset", cpuset);
        dirs.put("pids", pids);
        dirs.put("blkio", blkio);
        dirs.put("", dir(root.resolve("unified/c")));
    }

    private void apply(LinuxResources r) {
        new V1CgroupManager(dirs).apply(r);
    }

    private static LinuxResources resources(LinuxMemory m, LinuxCpu c, LinuxPids p, LinuxBlockIo b) {
        return new LinuxResources(null, m, c, p, b, null, null, null, null);
    }

    private String fails(LinuxResources r) {
        return assertThrows(CgroupException.class, () -> apply(r)).getMessage();
    }

    @Test
    void memoryValuesGoToTheirFiles() {
        apply(resources(new LinuxMemory(64L << 20, 32L << 20, 96L << 20, null, 1L << 20, 10L, true, null, null),
                null, null, null));
        assertEquals(Long.toString(64L << 20), get(memory, "memory.limit_in_bytes"));
        assertEquals(Long.toString(32L << 20), get(memory, "memory.soft_limit_in_bytes"));
        assertEquals(Long.toString(96L << 20), get(memory, "memory.memsw.limit_in_bytes"));
        assertEquals(Long.toString(1L << 20), get(memory, "memory.kmem.tcp.limit_in_bytes"));
        assertEquals("10", get(memory, "memory.swappiness"));
        assertEquals("1", get(memory, "memory.oom_control"));
    }

    @Test
    void unlimitedMemoryMakesSwapUnlimitedToo() {
        apply(resources(new LinuxMemory(-1L, null, null, null, null, null, null, null, null), null, null, null));
        assertEquals("-1", get(memory, "memory.limit_in_bytes"));
        assertEquals("-1", get(memory, "memory.memsw.limit_in_bytes"));
    }

    @Test
    void swapWithoutSwapAccountingNamesTheField() {
        dirs.put("memory", dir(root.resolve("memory2/c"), "memory.limit_in_bytes"));
        put(dirs.get("memory"), "memory.limit_in_bytes", "9223372036854771712");
        String m = fails(resources(new LinuxMemory(64L << 20, null, 96L << 20, null, null, null, null, null, null),
                null, null, null));
        assertEquals("/linux/resources/memory/swap: this kernel has no memory.memsw.limit_in_bytes"
                + " (swap accounting is off: boot with swapaccount=1)", m);
    }

    @Test
    void swappinessAbove100IsRefused() {
        String m = fails(resources(new LinuxMemory(null, null, null, null, null, 101L, null, null, null), null, null, null));
        assertEquals("/linux/resources/memory/swappiness: 101 is out of range; allowed: 0 to 100", m);
    }

    @Test
    void cpuValuesGoToTheirFilesInACombinedHierarchy() {
        apply(resources(null, new LinuxCpu(512L, 50000L, 1000L, 100000L, 5000L, 1000000L, "0-1", "0", 1L),
                null, null));
        assertEquals("512", get(cpu, "cpu.shares"));
        assertEquals("50000", get(cpu, "cpu.cfs_quota_us"));
        assertEquals("100000", get(cpu, "cpu.cfs_period_us"));
        assertEquals("1000", get(cpu, "cpu.cfs_burst_us"));
        assertEquals("5000", get(cpu, "cpu.rt_runtime_us"));
        assertEquals("1000000", get(cpu, "cpu.rt_period_us"));
        assertEquals("1", get(cpu, "cpu.idle"));
        assertEquals("0-1", get(cpuset, "cpuset.cpus"));
        assertEquals("0", get(cpuset, "cpuset.mems"));
    }

    @Test
    void pidsLimitMinusOneIsMaxAndZeroIsZero() {
        apply(resources(null, null, new LinuxPids(-1L), null));
        assertEquals("max", get(pids, "pids.max"));
        apply(resources(null, null, new LinuxPids(0L), null));
        assertEquals("0", get(pids, "pids.max"));
        apply(resources(null, null, new LinuxPids(42L), null));
        assertEquals("42", get(pids, "pids.max"));
    }

    @Test
    void blkioWeightWithoutASchedulerNamesTheField() {
        String m = fails(resources(null, null, null, new LinuxBlockIo(500, null, null, null, null, null, null)));
        assertEquals("/linux/resources/blockIO/weight: this kernel has neither blkio.weight nor blkio.bfq.weight"
                + " (no I/O scheduler with weights: CFQ or BFQ)", m);
    }

    @Test
    void blkioWeightFallsBackToBfqAndThrottlesAreWritten() {
        dir(blkio, "blkio.bfq.weight", "blkio.bfq.weight_device");
        LinuxThrottleDevice t = new LinuxThrottleDevice(8L, 0L, 1048576L);
        apply(resources(null, null, null, new LinuxBlockIo(500, null, List.of(new LinuxWeightDevice(8L, 16L, 300, null)),
                List.of(t), List.of(new LinuxThrottleDevice(8L, 0L, 2048L)), List.of(new LinuxThrottleDevice(8L, 0L, 100L)),
                List.of(new LinuxThrottleDevice(8L, 0L, 200L)))));
        assertEquals("500", get(blkio, "blkio.bfq.weight"));
        assertEquals("8:16 300", get(blkio, "blkio.bfq.weight_device"));
        assertEquals("8:0 1048576", get(blkio, "blkio.throttle.read_bps_device"));
        assertEquals("8:0 2048", get(blkio, "blkio.throttle.write_bps_device"));
        assertEquals("8:0 100", get(blkio, "blkio.throttle.read_iops_device"));
        assertEquals("8:0 200", get(blkio, "blkio.throttle.write_iops_device"));
    }

    @Test
    void hugepageLimitsAndTheirReservationsAreWritten() {
        Path h = dir(root.resolve("hugetlb/c"), "hugetlb.2MB.limit_in_bytes", "hugetlb.2MB.rsvd.limit_in_bytes",
                "hugetlb.1GB.limit_in_bytes");
        dirs.put("hugetlb", h);
        apply(new LinuxResources(null, null, null, null, null, List.of(new LinuxHugepageLimit("2MB", 4L << 21)),
                null, null, null));
        assertEquals(Long.toString(4L << 21), get(h, "hugetlb.2MB.limit_in_bytes"));
        assertEquals(Long.toString(4L << 21), get(h, "hugetlb.2MB.rsvd.limit_in_bytes"));
        String m = fails(new LinuxResources(null, null, null, null, null, List.of(new LinuxHugepageLimit("3MB", 1L)),
                null, null, null));
        assertEquals("/linux/resources/hugepageLimits/0/pageSize: this host has no huge pages of size \"3MB\";"
                + " allowed: 1GB, 2MB", m);
    }

    @Test
    void aControllerThatIsNotMountedIsNamedWithTheField() {
        String m = fails(new LinuxResources(null, null, null, null, null, null, new LinuxNetwork(0x100001L, null), null, null));
        assertEquals("/linux/resources/network/classID: the net_cls cgroup controller is not mounted on this host", m);
        m = fails(new LinuxResources(null, null, null, null, null, List.of(new LinuxHugepageLimit("2MB", 1L)), null, null, null));
        assertEquals("/linux/resources/hugepageLimits/0: the hugetlb cgroup controller is not mounted on this host", m);
    }

    @Test
    void networkClassAndPrioritiesAreWritten() {
        Path cls = dir(root.resolve("net_cls,net_prio/c"), "net_cls.classid", "net_prio.ifpriomap");
        dirs.put("net_cls,net_prio", cls);
        apply(new LinuxResources(null, null, null, null, null, null,
                new LinuxNetwork(1048577L, List.of(new LinuxInterfacePriority("eth0", 5L))), null, null));
        assertEquals("1048577", get(cls, "net_cls.classid"));
        assertEquals("eth0 5", get(cls, "net_prio.ifpriomap"));
    }

    @Test
    void unifiedNeedsCgroupV2() {
        String m = fails(new LinuxResources(null, null, null, null, null, null, null, null, Map.of("memory.high", "1")));
        assertEquals("/linux/resources/unified: cgroup v2 files need a cgroup v2 host; this host's controllers are on"
                + " cgroup v1 (use the v1 fields of /linux/resources instead)", m);
    }

    @Test
    void whatTheConfigDoesNotAskForIsNeverLookedUp() {
        dirs.clear();
        apply(new LinuxResources(List.of(), new LinuxMemory(0L, 0L, 0L, null, null, null, false, null, null),
                new LinuxCpu(0L, 0L, null, 0L, 0L, 0L, "", "", null), null, new LinuxBlockIo(0, 0, null, null, null, null, null),
                List.of(), new LinuxNetwork(null, List.of()), Map.of(), Map.of()));
    }
}
