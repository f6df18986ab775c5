package dev.jrt.runtime.cli.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.cgroups.CgroupStats;
import dev.jrt.runtime.cgroups.CgroupStats.MemoryEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events --stats JSON against what runc 1.1 prints for the same values. */
class StatsJsonTest {

    private static CgroupStats stats(CgroupStats.CpuSet cpuset) {
        MemoryEntry empty = new MemoryEntry(0, 0, 0, 0);
        return new CgroupStats(new CgroupStats.Cpu(0, List.of(), List.of(), List.of(), 0, 0, 0, 0, 0), cpuset,
                new CgroupStats.Memory(0, empty, empty, empty, empty, Map.of()), new CgroupStats.Pids(1, 0),
                new CgroupStats.Blkio(List.of(), List.of()), Map.of(), 0);
    }

    @Test
    void theCpusetBlockFollowsCpuWithRuncsNames() {
        String json = StatsJson.stats("c1", stats(new CgroupStats.CpuSet(List.of(0), 0, List.of(0), 0, 0, 0, 0, 0, 0, 1, -1)));
        // runc 1.1.5 events --stats, cgroup v1, cpus "0" and mems "0"
        assertTrue(json.contains("\"throttling\":{}},\"cpuset\":{\"cpus\":[0],\"cpu_exclusive\":0,\"mems\":[0],"
                + "\"mem_hardwall\":0,\"mem_exclusive\":0,\"memory_migrate\":0,\"memory_spread_page\":0,"
                + "\"memory_spread_slab\":0,\"memory_pressure\":0,\"sched_load_balance\":1,"
                + "\"sched_relax_domain_level\":-1},\"memory\":"), json);
    }

    @Test
    void emptyListsAreOmittedAsGoOmitsThem() {
        String json = StatsJson.stats("c1", stats(new CgroupStats.CpuSet(List.of(), 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0)));
        assertTrue(json.contains("\"cpuset\":{\"cpu_exclusive\":0,\"mem_hardwall\":0,"), json);
    }
}
