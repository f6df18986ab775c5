package dev.jrt.runtime.cgroups;

import static dev.jrt.runtime.cgroups.StatFiles.number;

import dev.jrt.runtime.cgroups.CgroupStats.Blkio;
import dev.jrt.runtime.cgroups.CgroupStats.BlkioEntry;
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

/**
 * Reads {@link CgroupStats} from one cgroup v2 directory, mapped to v1's shape as runc does:
 * microseconds become nanoseconds, swap is reported as memory+swap, the cpuset is the effective one.
 */
final class V2Stats {
    private V2Stats() {}

    static CgroupStats read(Path dir) {
        return new CgroupStats(cpu(dir), CpuSet.v2(StatFiles.list(dir, "cpuset.cpus.effective"),
                StatFiles.list(dir, "cpuset.mems.effective")), memory(dir), pids(dir), blkio(dir), hugetlb(dir),
                StatFiles.flatKeyed(dir, "memory.events").getOrDefault("oom_kill", 0L));
    }

    private static Cpu cpu(Path dir) {
        Map<String, Long> s = StatFiles.flatKeyed(dir, "cpu.stat");
        return new Cpu(s.getOrDefault("usage_usec", 0L) * 1000, List.of(), List.of(), List.of(),
                s.getOrDefault("system_usec", 0L) * 1000, s.getOrDefault("user_usec", 0L) * 1000,
                s.getOrDefault("nr_periods", 0L), s.getOrDefault("nr_throttled", 0L),
                s.getOrDefault("throttled_usec", 0L) * 1000);
    }

    private static Memory memory(Path dir) {
        Map<String, Long> raw = StatFiles.flatKeyed(dir, "memory.stat");
        long failcnt = StatFiles.flatKeyed(dir, "memory.events").getOrDefault("max", 0L);
        MemoryEntry usage = new MemoryEntry(number(dir, "memory.max"), number(dir, "memory.current"),
                number(dir, "memory.peak"), failcnt);
        long swapLimit = number(dir, "memory.swap.max");
        MemoryEntry swap = new MemoryEntry(swapLimit == -1 || usage.limit() == -1 ? -1 : swapLimit + usage.limit(),
                number(dir, "memory.swap.current") + usage.usage(), 0, 0);
        return new Memory(raw.getOrDefault("file", 0L), usage, swap, MemoryEntry.EMPTY, MemoryEntry.EMPTY, raw);
    }

    private static Pids pids(Path dir) {
        long limit = number(dir, "pids.max");
        return new Pids(number(dir, "pids.current"), limit == -1 ? 0 : limit);
    }

    private static Blkio blkio(Path dir) {
        List<BlkioEntry> bytes = new ArrayList<>();
        List<BlkioEntry> ios = new ArrayList<>();
        StatFiles.ioStat(dir).forEach((device, kv) -> {
            String[] mm = device.split(":");
            long major = Long.parseLong(mm[0]);
            long minor = Long.parseLong(mm[1]);
            bytes.add(new BlkioEntry(major, minor, "Read", kv.getOrDefault("rbytes", 0L)));
            bytes.add(new BlkioEntry(major, minor, "Write", kv.getOrDefault("wbytes", 0L)));
            ios.add(new BlkioEntry(major, minor, "Read", kv.getOrDefault("rios", 0L)));
            ios.add(new BlkioEntry(major, minor, "Write", kv.getOrDefault("wios", 0L)));
        });
        return new Blkio(bytes, ios);
    }

    private static Map<String, Hugetlb> hugetlb(Path dir) {
        Map<String, Hugetlb> out = new LinkedHashMap<>();
        for (String size : Hugepages.sizes(new FieldWriter(dir), ".current")) {
            String p = "hugetlb." + size + ".";
            out.put(size, new Hugetlb(number(dir, p + "current"), number(dir, p + "max"),
                    StatFiles.flatKeyed(dir, p + "events").getOrDefault("max", 0L)));
        }
        return out;
    }
}
