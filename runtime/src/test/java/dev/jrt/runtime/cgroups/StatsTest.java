package dev.jrt.runtime.cgroups;

import static dev.jrt.runtime.cgroups.FakeCgroupfs.dir;
import static dev.jrt.runtime.cgroups.FakeCgroupfs.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrt.runtime.cgroups.CgroupStats.BlkioEntry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stats read from fake cgroupfs files in the kernel's formats. */
class StatsTest {
    @TempDir
    Path root;

    @Test
    void v1StatsComeFromEachHierarchy() {
        Path mem = dir(root.resolve("memory/c"));
        put(mem, "memory.usage_in_bytes", "4096");
        put(mem, "memory.limit_in_bytes", "9223372036854771712");
        put(mem, "memory.max_usage_in_bytes", "8192");
        put(mem, "memory.failcnt", "3");
        put(mem, "memory.stat", "cache 12288\nrss 4096\n");
        put(mem, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        Path acct = dir(root.resolve("cpuacct/c"));
        put(acct, "cpuacct.usage", "5000");
        put(acct, "cpuacct.usage_percpu", "3000 2000 \n");
        put(acct, "cpuacct.stat", "user 2\nsystem 1\n");
        put(acct, "cpuacct.usage_all", "cpu user system\n0 2000 1000\n1 1500 500\n");
        Path cpu = dir(root.resolve("cpu/c"));
        put(cpu, "cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 777\n");
        Path pids = dir(root.resolve("pids/c"));
        put(pids, "pids.current", "3");
        put(pids, "pids.max", "max");
        Path blkio = dir(root.resolve("blkio/c"));
        put(blkio, "blkio.throttle.io_service_bytes_recursive", "8:0 Read 4096\n8:0 Write 0\nTotal 4096\n");
        Path cpuset = dir(root.resolve("cpuset/c"));
        put(cpuset, "cpuset.cpus", "0-2,5\n");
        put(cpuset, "cpuset.mems", "0\n");
        put(cpuset, "cpuset.cpu_exclusive", "1");
        put(cpuset, "cpuset.mem_hardwall", "0");
        put(cpuset, "cpuset.mem_exclusive", "1");
        put(cpuset, "cpuset.memory_migrate", "1");
        put(cpuset, "cpuset.memory_spread_page", "0");
        put(cpuset, "cpuset.memory_spread_slab", "1");
        put(cpuset, "cpuset.memory_pressure", "7");
        put(cpuset, "cpuset.sched_load_balance", "1");
        put(cpuset, "cpuset.sched_relax_domain_level", "-1");
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put("memory", mem);
        dirs.put("cpuset", cpuset);
        dirs.put("cpuacct", acct);
        dirs.put("cpu", cpu);
        dirs.put("pids", pids);
        dirs.put("blkio", blkio);

        CgroupStats s = new V1CgroupManager(dirs).stats();
        assertEquals(new CgroupStats.Cpu(5000, List.of(3000L, 2000L), List.of(1000L, 500L), List.of(2000L, 1500L),
                10_000_000, 20_000_000, 10, 4, 777), s.cpu());
        assertEquals(new CgroupStats.MemoryEntry(9223372036854771712L, 4096, 8192, 3), s.memory().usage());
        assertEquals(12288, s.memory().cache());
        assertEquals(new CgroupStats.Pids(3, 0), s.pids());
        assertEquals(List.of(new BlkioEntry(8, 0, "Read", 4096), new BlkioEntry(8, 0, "Write", 0)),
                s.blkio().ioServiceBytesRecursive());
        assertEquals(new CgroupStats.CpuSet(List.of(0, 1, 2, 5), 1, List.of(0), 0, 1, 1, 0, 1, 7, 1, -1), s.cpuset());
        assertEquals(2, s.oomKills());
    }

    @Test
    void v2StatsAreMappedToV1Units() {
        Path c = dir(root.resolve("c"));
        put(c, "cpu.stat", "usage_usec 100\nuser_usec 60\nsystem_usec 40\nnr_periods 5\nnr_throttled 1\nthrottled_usec 7\n");
        put(c, "memory.current", "4096");
        put(c, "memory.max", "8192");
        put(c, "memory.swap.current", "100");
        put(c, "memory.swap.max", "max");
        put(c, "memory.stat", "anon 4096\nfile 1024\n");
        put(c, "memory.events", "low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n");
        put(c, "pids.current", "2");
        put(c, "pids.max", "64");
        put(c, "io.stat", "8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n");
        put(c, "hugetlb.2MB.current", "0");
        put(c, "hugetlb.2MB.max", "max");
        put(c, "cpuset.cpus", "");
        put(c, "cpuset.cpus.effective", "0-1\n");
        put(c, "cpuset.mems.effective", "0\n");

        CgroupStats s = new V2CgroupManager(c).stats();
        assertEquals(new CgroupStats.Cpu(100_000, List.of(), List.of(), List.of(), 40_000, 60_000, 5, 1, 7000), s.cpu());
        assertEquals(new CgroupStats.MemoryEntry(8192, 4096, 0, 9), s.memory().usage());
        assertEquals(new CgroupStats.MemoryEntry(-1, 4196, 0, 0), s.memory().swap());
        assertEquals(1024, s.memory().cache());
        assertEquals(new CgroupStats.Pids(2, 64), s.pids());
        assertEquals(List.of(new BlkioEntry(8, 0, "Read", 1), new BlkioEntry(8, 0, "Write", 2)),
                s.blkio().ioServicedRecursive());
        assertEquals(Map.of("2MB", new CgroupStats.Hugetlb(0, -1, 0)), s.hugetlb());
        assertEquals(new CgroupStats.CpuSet(List.of(0, 1), 0, List.of(0), 0, 0, 0, 0, 0, 0, 0, 0), s.cpuset());
        assertEquals(1, s.oomKills());
    }
}
