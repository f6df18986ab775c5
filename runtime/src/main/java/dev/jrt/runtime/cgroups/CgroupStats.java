package dev.jrt.runtime.cgroups;

import java.util.List;
import java.util.Map;

/**
 * A container's usage and limits at one moment, shaped like runc's {@code events --stats} data.
 * Byte, count and nanosecond values are unsigned 64-bit (print with
 * {@link Long#toUnsignedString}); -1 as a limit means unlimited. {@code oomKills} counts the
 * processes the kernel's OOM killer has killed in the container so far.
 */
public record CgroupStats(Cpu cpu, CpuSet cpuset, Memory memory, Pids pids, Blkio blkio, Map<String, Hugetlb> hugetlb,
                          long oomKills) {

    /** Times in nanoseconds. */
    public record Cpu(long total, List<Long> percpu, List<Long> percpuKernel, List<Long> percpuUser, long kernel,
                      long user, long periods, long throttledPeriods, long throttledTime) {
    }

    /**
     * The cpuset controller's lists and flags (cgroup v1 files); on v2 only the effective cpus and
     * mems, the flags being 0, as runc reports them.
     */
    public record CpuSet(List<Integer> cpus, long cpuExclusive, List<Integer> mems, long memHardwall, long memExclusive,
                         long memoryMigrate, long memorySpreadPage, long memorySpreadSlab, long memoryPressure,
                         long schedLoadBalance, long schedRelaxDomainLevel) {
        static CpuSet v2(List<Integer> cpus, List<Integer> mems) {
            return new CpuSet(cpus, 0, mems, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    public record MemoryEntry(long limit, long usage, long max, long failcnt) {
        static final MemoryEntry EMPTY = new MemoryEntry(0, 0, 0, 0);
    }

    /** {@code swap} is memory+swap, as on cgroup v1. */
    public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel, MemoryEntry kernelTcp,
                         Map<String, Long> raw) {
    }

    public record Pids(long current, long limit) {
    }

    /** op is "Read", "Write", "Sync", "Async", "Discard" or "Total". */
    public record BlkioEntry(long major, long minor, String op, long value) {
    }

    public record Blkio(List<BlkioEntry> ioServiceBytesRecursive, List<BlkioEntry> ioServicedRecursive) {
    }

    public record Hugetlb(long usage, long max, long failcnt) {
    }
}
