package dev.jrt.runtime.cgroups;

import static dev.jrt.runtime.cgroups.StatFiles.number;

import dev.jrt.runtime.cgroups.CgroupStats.Blkio;
import dev.jrt.runtime.cgroups.CgroupStats.Cpu;
import dev.jrt.runtime.cgroups.CgroupStats.CpuSet;
import dev.jrt.runtime.cgroups.CgroupStats.Hugetlb;
import dev.jrt.runtime.cgroups.CgroupStats.Memory;
import dev.jrt.runtime.cgroups.CgroupStats.MemoryEntry;
import dev.jrt.runtime.cgroups.CgroupStats.Pids;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link CgroupStats} from cgroup v1 hierarchies, from the files runc reads. */
final class V1Stats {
    /** USER_HZ: cpuacct.stat counts in ticks of 1/100 s. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private V1Stats() {}

    static CgroupStats read(Map<String, Path> dirs) {
        Path memory = V1CgroupManager.hierarchy(dirs, "memory");
        return new CgroupStats(cpu(V1CgroupManager.hierarchy(dirs, "cpuacct"), V1CgroupManager.hierarchy(dirs, "cpu")),
                cpuset(V1CgroupManager.hierarchy(dirs, "cpuset")), memory(memory),
                pids(V1CgroupManager.hierarchy(dirs, "pids")), blkio(V1CgroupManager.hierarchy(dirs, "blkio")),
                hugetlb(V1CgroupManager.hierarchy(dirs, "hugetlb")),
                StatFiles.flatKeyed(memory, "memory.oom_control").getOrDefault("oom_kill", 0L));
    }

    private static Cpu cpu(Path acct, Path cpu) {
        Map<String, Long> stat = StatFiles.flatKeyed(acct, "cpuacct.stat");
        Map<String, Long> throttling = StatFiles.flatKeyed(cpu, "cpu.stat");
        List<Long> percpuUser = new ArrayList<>();
        List<Long> percpuKernel = new ArrayList<>();
        for (String line : StatFiles.text(acct, "cpuacct.usage_all").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && !f[0].equals("cpu")) {
                percpuUser.add(Long.parseUnsignedLong(f[1]));
                percpuKernel.add(Long.parseUnsignedLong(f[2]));
            }
        }
        return new Cpu(number(acct, "cpuacct.usage"), StatFiles.numbers(acct, "cpuacct.usage_percpu"), percpuKernel,
                percpuUser, stat.getOrDefault("system", 0L) * NANOS_PER_TICK, stat.getOrDefault("user", 0L) * NANOS_PER_TICK,
                throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
                throttling.getOrDefault("throttled_time", 0L));
    }

    private static CpuSet cpuset(Path dir) {
        return new CpuSet(StatFiles.list(dir, "cpuset.cpus"), number(dir, "cpuset.cpu_exclusive"),
                StatFiles.list(dir, "cpuset.mems"), number(dir, "cpuset.mem_hardwall"),
                number(dir, "cpuset.mem_exclusive"), number(dir, "cpuset.memory_migrate"),
                number(dir, "cpuset.memory_spread_page"), number(dir, "cpuset.memory_spread_slab"),
                number(dir, "cpuset.memory_pressure"), number(dir, "cpuset.sched_load_balance"),
                StatFiles.signed(dir, "cpuset.sched_relax_domain_level"));
    }

    private static Memory memory(Path dir) {
        Map<String, Long> raw = StatFiles.flatKeyed(dir, "memory.stat");
        return new Memory(raw.getOrDefault("cache", 0L), entry(dir, "memory."), entry(dir, "memory.memsw."),
                entry(dir, "memory.kmem."), entry(dir, "memory.kmem.tcp."), raw);
    }

    private static MemoryEntry entry(Path dir, String prefix) {
        return new MemoryEntry(number(dir, prefix + "limit_in_bytes"), number(dir, prefix + "usage_in_bytes"),
                number(dir, prefix + "max_usage_in_bytes"), number(dir, prefix + "failcnt"));
    }

    static Pids pids(Path dir) {
        long limit = number(dir, "pids.max");
        return new Pids(number(dir, "pids.current"), limit == -1 ? 0 : limit);
    }

    /** The CFQ files where the kernel has them, else the throttle ones (always there), as runc falls back. */
    private static Blkio blkio(Path dir) {
        String prefix = StatFiles.text(dir, "blkio.io_service_bytes_recursive").isEmpty() ? "blkio.throttle." : "blkio.";
        return new Blkio(StatFiles.blkioV1(dir, prefix + "io_service_bytes_recursive"),
                StatFiles.blkioV1(dir, prefix + "io_serviced_recursive"));
    }

    private static Map<String, Hugetlb> hugetlb(Path dir) {
        Map<String, Hugetlb> out = new LinkedHashMap<>();
        if (dir == null) {
            return out;
        }
        for (String size : Hugepages.sizes(new FieldWriter(dir), ".usage_in_bytes")) {
            String p = "hugetlb." + size + ".";
            out.put(size, new Hugetlb(number(dir, p + "usage_in_bytes"), number(dir, p + "max_usage_in_bytes"),
                    number(dir, p + "failcnt")));
        }
        return out;
    }
}
