package dev.jrt.runtime.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes config values into one cgroup directory. Every error names the config field (a JSON
 * pointer such as {@code /linux/resources/memory/limit}), the file, what went wrong and, where
 * the kernel documents it, what is allowed.
 */
final class FieldWriter {
    /** What the kernel accepts, for files whose EINVAL alone says too little. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("cpu.cfs_period_us", "allowed: 1000 to 1000000 microseconds"),
            Map.entry("cpu.cfs_quota_us", "allowed: -1 or at least 1000 microseconds"),
            Map.entry("cpu.cfs_burst_us", "allowed: 0 up to the quota"),
            Map.entry("cpu.max", "allowed: a quota of at least 1000 or -1, a period of 1000 to 1000000 microseconds"),
            Map.entry("cpu.max.burst", "allowed: 0 up to the quota"),
            Map.entry("cpu.shares", "allowed: 2 to 262144"),
            Map.entry("cpu.weight", "allowed: shares 2 to 262144 (weight 1 to 10000)"),
            Map.entry("cpu.idle", "allowed: 0 or 1"),
            Map.entry("cpu.rt_runtime_us", "allowed: at most the period and what the parent cgroup has left"),
            Map.entry("cpu.rt_period_us", "allowed: 1 to 1000000 microseconds, at least the runtime"),
            Map.entry("cpuset.cpus", "allowed: cpus of the parent cgroup's cpuset.cpus"),
            Map.entry("cpuset.mems", "allowed: memory nodes of the parent cgroup's cpuset.mems"),
            Map.entry("blkio.weight", "allowed: 10 to 1000"),
            Map.entry("blkio.bfq.weight", "allowed: 1 to 1000"),
            Map.entry("blkio.leaf_weight", "allowed: 10 to 1000"),
            Map.entry("io.weight", "allowed: blkio weight 10 to 1000"),
            Map.entry("io.bfq.weight", "allowed: 1 to 1000"),
            Map.entry("memory.swappiness", "allowed: 0 to 100"),
            Map.entry("memory.memsw.limit_in_bytes", "allowed: at least the memory limit"),
            Map.entry("memory.limit_in_bytes", "allowed: -1, or at most the memory+swap limit"));

    private final Path dir;

    FieldWriter(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    boolean has(String file) {
        return Files.exists(dir.resolve(file));
    }

    String read(String file) {
        return CgroupFiles.read(dir, file);
    }

    /** Writes value to file, which must exist: a missing file means the kernel lacks the feature. */
    void write(String pointer, String file, String value) {
        if (!has(file)) {
            throw new CgroupException(pointer + ": this kernel has no " + file + " in " + dir
                    + " (the feature is not available on this host)");
        }
        try {
            CgroupFiles.write(dir, file, value);
        } catch (CgroupException e) {
            String hint = ALLOWED.get(file);
            throw new CgroupException(pointer + ": " + e.getMessage() + (hint == null ? "" : " (" + hint + ")"));
        }
    }
}
