package dev.jrt.runtime.cgroups;

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
import java.util.List;
import java.util.Map;

/**
 * Writes {@link LinuxResources} into cgroup v1 hierarchies, in runc's order and with runc's
 * meaning of 0 (unset) and -1 (unlimited). A controller is looked up only when the config
 * sets one of its values.
 */
final class V1Resources {
    private static final String BASE = "/linux/resources";
    private final Map<String, Path> dirs;

    V1Resources(Map<String, Path> dirs) {
        this.dirs = dirs;
    }

    void apply(LinuxResources r) {
        if (r == null) {
            return;
        }
        memory(r.memory());
        cpu(r.cpu());
        cpuset(r.cpu());
        pids(r.pids());
        blockIo(r.blockIo());
        hugepages(r.hugepageLimits());
        network(r.network());
        Rdma.apply(r.rdma(), () -> controller("rdma", BASE + "/rdma"), BASE + "/rdma");
        if (r.unified() != null && !r.unified().isEmpty()) {
            throw new CgroupException(BASE + "/unified: cgroup v2 files need a cgroup v2 host; this host's"
                    + " controllers are on cgroup v1 (use the v1 fields of /linux/resources instead)");
        }
    }

    /** The directory of the hierarchy that holds controller, or an error naming the field that needs it. */
    private FieldWriter controller(String controller, String pointer) {
        Path dir = V1CgroupManager.hierarchy(dirs, controller);
        if (dir == null) {
            throw new CgroupException(pointer + ": the " + controller + " cgroup controller is not mounted on this host");
        }
        return new FieldWriter(dir);
    }

    static boolean set(Long v) {
        return v != null && v != 0;
    }

    private void memory(LinuxMemory m) {
        if (m == null) {
            return;
        }
        String p = BASE + "/memory";
        boolean any = set(m.limit()) || set(m.swap()) || set(m.reservation()) || set(m.kernelTcp())
                || m.swappiness() != null || Boolean.TRUE.equals(m.disableOomKiller());
        if (!any) {
            return;
        }
        FieldWriter w = controller("memory", p);
        memoryAndSwap(w, p, m.limit() == null ? 0 : m.limit(), m.swap() == null ? 0 : m.swap());
        if (set(m.reservation())) {
            w.write(p + "/reservation", "memory.soft_limit_in_bytes", Long.toString(m.reservation()));
        }
        if (set(m.kernelTcp())) {
            w.write(p + "/kernelTCP", "memory.kmem.tcp.limit_in_bytes", Long.toString(m.kernelTcp()));
        }
        if (m.swappiness() != null) {
            if (Long.compareUnsigned(m.swappiness(), 100) > 0) {
                throw new CgroupException(p + "/swappiness: " + Long.toUnsignedString(m.swappiness())
                        + " is out of range; allowed: 0 to 100");
            }
            w.write(p + "/swappiness", "memory.swappiness", Long.toString(m.swappiness()));
        }
        if (Boolean.TRUE.equals(m.disableOomKiller())) {
            w.write(p + "/disableOOMKiller", "memory.oom_control", "1");
        }
    }

    /**
     * memory.limit_in_bytes may never exceed memory.memsw.limit_in_bytes, so when both change
     * the order depends on the current limit (as runc does it).
     */
    private static void memoryAndSwap(FieldWriter w, String p, long limit, long swap) {
        if (limit == -1 && swap == 0 && w.has("memory.memsw.limit_in_bytes")) {
            swap = -1;
        }
        boolean swapFirst = false;
        if (limit != 0 && swap != 0) {
            long current = parseUnsigned(w.read("memory.limit_in_bytes"));
            swapFirst = swap == -1 || Long.compareUnsigned(current, swap) < 0;
        }
        if (swapFirst) {
            writeSwap(w, p, swap);
        }
        if (limit != 0) {
            writeLimit(w, p, limit);
        }
        if (!swapFirst && swap != 0) {
            writeSwap(w, p, swap);
        }
    }

    private static void writeLimit(FieldWriter w, String p, long limit) {
        try {
            w.write(p + "/limit", "memory.limit_in_bytes", Long.toString(limit));
        } catch (CgroupException e) {
            if (e.getMessage().contains("device or resource busy")) {
                throw new CgroupException(e.getMessage() + "; the container already uses "
                        + w.read("memory.usage_in_bytes") + " bytes (peak " + w.read("memory.max_usage_in_bytes")
                        + ") and cannot be shrunk below that");
            }
            throw e;
        }
    }

    private static void writeSwap(FieldWriter w, String p, long swap) {
        if (!w.has("memory.memsw.limit_in_bytes")) {
            throw new CgroupException(p + "/swap: this kernel has no memory.memsw.limit_in_bytes"
                    + " (swap accounting is off: boot with swapaccount=1)");
        }
        w.write(p + "/swap", "memory.memsw.limit_in_bytes", Long.toString(swap));
    }

    static long parseUnsigned(String s) {
        return s.equals("max") ? -1 : Long.parseUnsignedLong(s.trim());
    }

    private void cpu(LinuxCpu c) {
        if (c == null) {
            return;
        }
        String p = BASE + "/cpu";
        boolean any = set(c.shares()) || set(c.quota()) || set(c.period()) || c.burst() != null
                || set(c.realtimeRuntime()) || set(c.realtimePeriod()) || c.idle() != null;
        if (!any) {
            return;
        }
        FieldWriter w = controller("cpu", p);
        if (set(c.realtimePeriod())) {
            w.write(p + "/realtimePeriod", "cpu.rt_period_us", Long.toUnsignedString(c.realtimePeriod()));
        }
        if (set(c.realtimeRuntime())) {
            w.write(p + "/realtimeRuntime", "cpu.rt_runtime_us", Long.toString(c.realtimeRuntime()));
        }
        if (set(c.shares())) {
            shares(w, p + "/shares", c.shares());
        }
        quotaAndPeriod(w, p, c);
        if (c.idle() != null) {
            w.write(p + "/idle", "cpu.idle", Long.toString(c.idle()));
        }
    }

    /** The kernel clamps cpu.shares silently; read it back and refuse a value it changed, as runc does. */
    private static void shares(FieldWriter w, String pointer, long shares) {
        w.write(pointer, "cpu.shares", Long.toUnsignedString(shares));
        long actual = parseUnsigned(w.read("cpu.shares"));
        if (actual != shares) {
            throw new CgroupException(pointer + ": " + Long.toUnsignedString(shares) + " is out of range; the "
                    + (Long.compareUnsigned(shares, actual) > 0 ? "maximum" : "minimum") + " this kernel allows is "
                    + actual + " (allowed: 2 to 262144)");
        }
    }

    /**
     * A new period the kernel refuses (EINVAL) with the old quota is retried after the quota,
     * as runc does: old quota / new period may exceed what the parent allows.
     */
    private static void quotaAndPeriod(FieldWriter w, String p, LinuxCpu c) {
        boolean periodPending = false;
        if (set(c.period())) {
            try {
                w.write(p + "/period", "cpu.cfs_period_us", Long.toUnsignedString(c.period()));
            } catch (CgroupException e) {
                if (!set(c.quota()) || !e.getMessage().contains("invalid argument")) {
                    throw e;
                }
                periodPending = true;
            }
        }
        if (set(c.quota())) {
            w.write(p + "/quota", "cpu.cfs_quota_us", Long.toString(c.quota()));
            if (periodPending) {
                w.write(p + "/period", "cpu.cfs_period_us", Long.toUnsignedString(c.period()));
            }
        }
        if (c.burst() != null) {
            w.write(p + "/burst", "cpu.cfs_burst_us", Long.toUnsignedString(c.burst()));
        }
    }

    private void cpuset(LinuxCpu c) {
        if (c == null) {
            return;
        }
        String p = BASE + "/cpu";
        if (c.cpus() != null && !c.cpus().isEmpty()) {
            controller("cpuset", p + "/cpus").write(p + "/cpus", "cpuset.cpus", c.cpus());
        }
        if (c.mems() != null && !c.mems().isEmpty()) {
            controller("cpuset", p + "/mems").write(p + "/mems", "cpuset.mems", c.mems());
        }
    }

    private void pids(LinuxPids pids) {
        if (pids == null || pids.limit() == null) {
            return;
        }
        String p = BASE + "/pids/limit";
        controller("pids", p).write(p, "pids.max", V2Values.maxOr(pids.limit()));
    }

    private void blockIo(LinuxBlockIo b) {
        if (b == null) {
            return;
        }
        String p = BASE + "/blockIO";
        if (b.weight() != null && b.weight() != 0) {
            FieldWriter w = controller("blkio", p + "/weight");
            w.write(p + "/weight", weightFile(w, p + "/weight", ""), Integer.toString(b.weight()));
        }
        if (b.leafWeight() != null && b.leafWeight() != 0) {
            controller("blkio", p + "/leafWeight").write(p + "/leafWeight", "blkio.leaf_weight", Integer.toString(b.leafWeight()));
        }
        List<LinuxWeightDevice> devices = b.weightDevice() == null ? List.of() : b.weightDevice();
        for (int i = 0; i < devices.size(); i++) {
            LinuxWeightDevice d = devices.get(i);
            String dp = p + "/weightDevice/" + i;
            if (d.weight() != null && d.weight() != 0) {
                FieldWriter w = controller("blkio", dp + "/weight");
                w.write(dp + "/weight", weightFile(w, dp + "/weight", "_device"), d.major() + ":" + d.minor() + " " + d.weight());
            }
            if (d.leafWeight() != null && d.leafWeight() != 0) {
                controller("blkio", dp + "/leafWeight").write(dp + "/leafWeight", "blkio.leaf_weight_device",
                        d.major() + ":" + d.minor() + " " + d.leafWeight());
            }
        }
        throttle(p + "/throttleReadBpsDevice", b.throttleReadBpsDevice(), "blkio.throttle.read_bps_device");
        throttle(p + "/throttleWriteBpsDevice", b.throttleWriteBpsDevice(), "blkio.throttle.write_bps_device");
        throttle(p + "/throttleReadIOPSDevice", b.throttleReadIopsDevice(), "blkio.throttle.read_iops_device");
        throttle(p + "/throttleWriteIOPSDevice", b.throttleWriteIopsDevice(), "blkio.throttle.write_iops_device");
    }

    /** blkio.weight (CFQ) where the kernel has it, else blkio.bfq.weight (BFQ), as runc chooses. */
    private static String weightFile(FieldWriter w, String pointer, String suffix) {
        if (w.has("blkio.weight" + suffix)) {
            return "blkio.weight" + suffix;
        }
        if (w.has("blkio.bfq.weight" + suffix)) {
            return "blkio.bfq.weight" + suffix;
        }
        throw new CgroupException(pointer + ": this kernel has neither blkio.weight" + suffix + " nor blkio.bfq.weight"
                + suffix + " (no I/O scheduler with weights: CFQ or BFQ)");
    }

    private void throttle(String pointer, List<LinuxThrottleDevice> devices, String file) {
        if (devices == null) {
            return;
        }
        for (int i = 0; i < devices.size(); i++) {
            LinuxThrottleDevice d = devices.get(i);
            String dp = pointer + "/" + i;
            controller("blkio", dp).write(dp, file, d.major() + ":" + d.minor() + " " + Long.toUnsignedString(d.rate()));
        }
    }

    private void hugepages(List<LinuxHugepageLimit> limits) {
        if (limits == null) {
            return;
        }
        for (int i = 0; i < limits.size(); i++) {
            LinuxHugepageLimit l = limits.get(i);
            String p = BASE + "/hugepageLimits/" + i;
            FieldWriter w = controller("hugetlb", p);
            String prefix = "hugetlb." + l.pageSize();
            Hugepages.checkPageSize(w, p + "/pageSize", l.pageSize(), ".limit_in_bytes");
            w.write(p + "/limit", prefix + ".limit_in_bytes", Long.toUnsignedString(l.limit()));
            if (w.has(prefix + ".rsvd.limit_in_bytes")) {
                w.write(p + "/limit", prefix + ".rsvd.limit_in_bytes", Long.toUnsignedString(l.limit()));
            }
        }
    }

    private void network(LinuxNetwork n) {
        if (n == null) {
            return;
        }
        String p = BASE + "/network";
        if (n.classId() != null) {
            controller("net_cls", p + "/classID").write(p + "/classID", "net_cls.classid", Long.toString(n.classId()));
        }
        List<LinuxInterfacePriority> prios = n.priorities() == null ? List.of() : n.priorities();
        for (int i = 0; i < prios.size(); i++) {
            String ip = p + "/priorities/" + i;
            controller("net_prio", ip).write(ip, "net_prio.ifpriomap", prios.get(i).name() + " " + prios.get(i).priority());
        }
    }
}
