package dev.jrt.runtime.cgroups;

import static dev.jrt.runtime.cgroups.V1Resources.set;

import dev.jrt.spec.model.LinuxBlockIo;
import dev.jrt.spec.model.LinuxCpu;
import dev.jrt.spec.model.LinuxHugepageLimit;
import dev.jrt.spec.model.LinuxMemory;
import dev.jrt.spec.model.LinuxResources;
import dev.jrt.spec.model.LinuxThrottleDevice;
import dev.jrt.spec.model.LinuxWeightDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes {@link LinuxResources} into one cgroup v2 directory, converting v1 values as runc does
 * (shares to cpu.weight, memory+swap to memory.swap.max, blkio weight to io.weight). Fields
 * cgroup v2 has no file for fail with their pointer unless they are unset.
 */
final class V2Resources {
    private static final String BASE = "/linux/resources";
    /** Files a config may not write through unified: they move processes or change the tree. */
    private static final Set<String> FORBIDDEN = Set.of("cgroup.procs", "cgroup.threads", "cgroup.subtree_control",
            "cgroup.kill", "cgroup.freeze", "cgroup.type");
    private final FieldWriter w;

    V2Resources(Path dir) {
        this.w = new FieldWriter(dir);
    }

    void apply(LinuxResources r) {
        if (r == null) {
            return;
        }
        memory(r.memory());
        cpu(r.cpu());
        pids(r);
        blockIo(r.blockIo());
        hugepages(r.hugepageLimits());
        if (r.network() != null && (r.network().classId() != null
                || (r.network().priorities() != null && !r.network().priorities().isEmpty()))) {
            throw new CgroupException(BASE + "/network: net_cls and net_prio exist only on cgroup v1;"
                    + " this host has cgroup v2 (classify traffic with an eBPF program instead)");
        }
        Rdma.apply(r.rdma(), () -> controller("rdma", BASE + "/rdma"), BASE + "/rdma");
        unified(r.unified());
    }

    /** The writer, once the controller is enabled for this cgroup (its cgroup.controllers lists it). */
    private FieldWriter controller(String controller, String pointer) {
        String enabled = w.has("cgroup.controllers") ? w.read("cgroup.controllers") : "";
        for (String c : enabled.split("\\s+")) {
            if (c.equals(controller)) {
                return w;
            }
        }
        throw new CgroupException(pointer + ": the " + controller + " cgroup controller is not available to "
                + w.dir() + " (enabled: " + (enabled.isBlank() ? "none" : enabled) + ")");
    }

    private static CgroupException notOnV2(String pointer, String what) {
        return new CgroupException(pointer + ": " + what + " does not exist on cgroup v2, which this host has;"
                + " allowed: leave it unset");
    }

    private void memory(LinuxMemory m) {
        if (m == null) {
            return;
        }
        String p = BASE + "/memory";
        if (set(m.kernelTcp())) {
            throw notOnV2(p + "/kernelTCP", "a kernel TCP memory limit");
        }
        if (m.swappiness() != null) {
            throw notOnV2(p + "/swappiness", "memory.swappiness");
        }
        if (Boolean.TRUE.equals(m.disableOomKiller())) {
            throw notOnV2(p + "/disableOOMKiller", "disabling the OOM killer");
        }
        if (!set(m.limit()) && !set(m.swap()) && !set(m.reservation())) {
            return;
        }
        FieldWriter mem = controller("memory", p);
        long limit = m.limit() == null ? 0 : m.limit();
        long swap = m.swap() == null ? 0 : m.swap();
        if (swap != 0) {
            long knownLimit = limit != 0 ? limit : V1Resources.parseUnsigned(mem.read("memory.max"));
            long swapMax;
            try {
                swapMax = V2Values.swapMax(swap, knownLimit);
            } catch (IllegalArgumentException e) {
                throw new CgroupException(p + "/swap: " + e.getMessage(), e);
            }
            writeSwap(mem, p, swapMax);
        } else if (limit == -1 && mem.has("memory.swap.max")) {
            writeSwap(mem, p, -1);
        }
        if (limit != 0) {
            if (Boolean.TRUE.equals(m.checkBeforeUpdate()) && limit > 0) {
                long usage = Long.parseLong(mem.read("memory.current"));
                if (usage > limit) {
                    throw new CgroupException(p + "/limit: " + limit + " is below the container's current memory usage "
                            + usage + " and checkBeforeUpdate is set; allowed: at least " + usage);
                }
            }
            mem.write(p + "/limit", "memory.max", V2Values.maxOr(limit));
        }
        if (set(m.reservation())) {
            mem.write(p + "/reservation", "memory.low", V2Values.maxOr(m.reservation()));
        }
    }

    private static void writeSwap(FieldWriter mem, String p, long swapMax) {
        if (!mem.has("memory.swap.max")) {
            throw new CgroupException(p + "/swap: this kernel has no memory.swap.max (swap accounting is off)");
        }
        mem.write(p + "/swap", "memory.swap.max", V2Values.maxOr(swapMax));
    }

    private void cpu(LinuxCpu c) {
        if (c == null) {
            return;
        }
        String p = BASE + "/cpu";
        if (set(c.realtimeRuntime())) {
            throw notOnV2(p + "/realtimeRuntime", "a realtime cpu budget");
        }
        if (set(c.realtimePeriod())) {
            throw notOnV2(p + "/realtimePeriod", "a realtime cpu period");
        }
        if (set(c.shares())) {
            controller("cpu", p + "/shares").write(p + "/shares", "cpu.weight",
                    Long.toString(V2Values.cpuWeight(c.shares())));
        }
        if (set(c.quota()) || set(c.period())) {
            controller("cpu", p + "/quota").write(set(c.quota()) ? p + "/quota" : p + "/period", "cpu.max",
                    V2Values.cpuMax(c.quota() == null ? 0 : c.quota(), c.period() == null ? 0 : c.period()));
        }
        if (c.burst() != null) {
            controller("cpu", p + "/burst").write(p + "/burst", "cpu.max.burst", Long.toUnsignedString(c.burst()));
        }
        if (c.idle() != null) {
            controller("cpu", p + "/idle").write(p + "/idle", "cpu.idle", Long.toString(c.idle()));
        }
        if (c.cpus() != null && !c.cpus().isEmpty()) {
            controller("cpuset", p + "/cpus").write(p + "/cpus", "cpuset.cpus", c.cpus());
        }
        if (c.mems() != null && !c.mems().isEmpty()) {
            controller("cpuset", p + "/mems").write(p + "/mems", "cpuset.mems", c.mems());
        }
    }

    private void pids(LinuxResources r) {
        if (r.pids() == null || r.pids().limit() == null) {
            return;
        }
        String p = BASE + "/pids/limit";
        controller("pids", p).write(p, "pids.max", V2Values.maxOr(r.pids().limit()));
    }

    private void blockIo(LinuxBlockIo b) {
        if (b == null) {
            return;
        }
        String p = BASE + "/blockIO";
        if (b.leafWeight() != null && b.leafWeight() != 0) {
            throw notOnV2(p + "/leafWeight", "a leaf weight");
        }
        if (b.weight() != null && b.weight() != 0) {
            FieldWriter io = controller("io", p + "/weight");
            if (io.has("io.bfq.weight")) {
                io.write(p + "/weight", "io.bfq.weight", Integer.toString(b.weight()));
            } else {
                io.write(p + "/weight", "io.weight", Long.toString(V2Values.ioWeight(b.weight())));
            }
        }
        List<LinuxWeightDevice> devices = b.weightDevice() == null ? List.of() : b.weightDevice();
        for (int i = 0; i < devices.size(); i++) {
            LinuxWeightDevice d = devices.get(i);
            String dp = p + "/weightDevice/" + i;
            if (d.leafWeight() != null && d.leafWeight() != 0) {
                throw notOnV2(dp + "/leafWeight", "a leaf weight");
            }
            if (d.weight() != null && d.weight() != 0) {
                FieldWriter io = controller("io", dp + "/weight");
                if (!io.has("io.bfq.weight")) {
                    throw new CgroupException(dp + "/weight: per-device weights need the BFQ I/O scheduler"
                            + " (io.bfq.weight), which this kernel does not offer");
                }
                io.write(dp + "/weight", "io.bfq.weight", d.major() + ":" + d.minor() + " " + d.weight());
            }
        }
        throttle(p + "/throttleReadBpsDevice", b.throttleReadBpsDevice(), "rbps");
        throttle(p + "/throttleWriteBpsDevice", b.throttleWriteBpsDevice(), "wbps");
        throttle(p + "/throttleReadIOPSDevice", b.throttleReadIopsDevice(), "riops");
        throttle(p + "/throttleWriteIOPSDevice", b.throttleWriteIopsDevice(), "wiops");
    }

    private void throttle(String pointer, List<LinuxThrottleDevice> devices, String key) {
        if (devices == null) {
            return;
        }
        for (int i = 0; i < devices.size(); i++) {
            LinuxThrottleDevice d = devices.get(i);
            String dp = pointer + "/" + i;
            String rate = d.rate() == 0 ? "max" : Long.toUnsignedString(d.rate());
            controller("io", dp).write(dp, "io.max", d.major() + ":" + d.minor() + " " + key + "=" + rate);
        }
    }

    private void hugepages(List<LinuxHugepageLimit> limits) {
        if (limits == null) {
            return;
        }
        for (int i = 0; i < limits.size(); i++) {
            LinuxHugepageLimit l = limits.get(i);
            String p = BASE + "/hugepageLimits/" + i;
            FieldWriter h = controller("hugetlb", p);
            Hugepages.checkPageSize(h, p + "/pageSize", l.pageSize(), ".max");
            String prefix = "hugetlb." + l.pageSize();
            h.write(p + "/limit", prefix + ".max", Long.toUnsignedString(l.limit()));
            if (h.has(prefix + ".rsvd.max")) {
                h.write(p + "/limit", prefix + ".rsvd.max", Long.toUnsignedString(l.limit()));
            }
        }
    }

    /** Raw files, checked as runc does: a plain file name of an enabled controller that exists. */
    private void unified(Map<String, String> unified) {
        if (unified == null) {
            return;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(unified).entrySet()) {
            String key = e.getKey();
            String p = BASE + "/unified/" + key.replace("~", "~0").replace("/", "~1");
            int dot = key.indexOf('.');
            if (key.contains("/") || dot <= 0 || key.startsWith(".")) {
                throw new CgroupException(p + ": \"" + key + "\" is not a cgroup v2 file name; allowed: a file such as"
                        + " memory.high in the container's cgroup");
            }
            if (FORBIDDEN.contains(key)) {
                throw new CgroupException(p + ": " + key + " may not be set through the config; it belongs to the runtime");
            }
            String controller = key.substring(0, dot);
            if (!controller.equals("cgroup")) {
                controller(controller, p);
            }
            if (!w.has(key)) {
                throw new CgroupException(p + ": unknown cgroup v2 file \"" + key + "\"; " + w.dir() + " has no such file");
            }
            w.write(p, key, e.getValue());
        }
    }
}
