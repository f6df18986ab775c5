package dev.jrt.conformance.tests;

import dev.jrt.hostfixtures.BfqLoopDevice;
import dev.jrt.hostfixtures.NetClsPrioHierarchy;
import dev.jrt.hostfixtures.RdmaDevice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.HostCgroups;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * config-linux.md "Cgroup ownership", "Block IO", "Huge page limits",
 * "Network", "RDMA", "Unified", "IntelRdt". Where this host lacks the
 * controller or feature, the runtime is held to runtime.md "Create": a
 * property it cannot apply MUST generate an error; the positive check is
 * skipped with the host's reason.
 */
@ConformanceTest
class CgroupResourcesTest {

    private static Container created(Sandbox sb, BundleBuilder b) {
        return sb.create(b.args("/probe", "sleep", "100").build());
    }

    /** A v1 hierarchy for the controller is mounted, or (unified-only host) the controller is in the root's cgroup.controllers. */
    private static boolean controllerAvailable(String v1Name, String v2Name) throws IOException {
        if (HostCgroups.unifiedOnly()) {
            return v2Name != null && List.of(Files.readString(Path.of("/sys/fs/cgroup/cgroup.controllers")).trim().split("\\s+")).contains(v2Name);
        }
        return Files.isRegularFile(Path.of("/sys/fs/cgroup", v1Name, "cgroup.procs"));
    }

    /** Create fails with the property, while the same bundle without it (a fresh base bundle) is created. */
    private static void assertCreateFails(Sandbox sb, BundleBuilder b, String why) {
        created(sb, sb.bundle());
        Container c = sb.tryCreate(b.args("/probe", "sleep", "100").build());
        assertFalse(c.createResult().ok(), "create succeeded although " + why);
        assertFalse(c.tryState().ok() && !"stopped".equals(c.status()), "a container was left behind");
    }

    private static long owner(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:uid")).longValue();
    }

    // ---- Cgroup ownership

    @Test
    @Requirement(file = "config-linux.md", heading = "Cgroup ownership",
            text = "Runtimes SHOULD NOT change the ownership of container cgroups when cgroups v1 is in use (even with a cgroup namespace and a read/write cgroup mount)")
    void noChownOnCgroupV1(Sandbox sb) throws IOException {
        Assumptions.assumeFalse(HostCgroups.unifiedOnly(), "this host uses cgroup v2 only: the v1 rule does not apply");
        var b = sb.bundle().user(1000, 1000).namespace("cgroup")
                .mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "rw");
        Container c = created(sb, b);
        long pid = c.pidFromFile();
        for (String ctl : List.of("pids", "memory")) {
            Path dir = HostCgroups.dir(pid, ctl);
            assertEquals(0, owner(dir), dir + " was chowned on cgroup v1");
            assertEquals(0, owner(dir.resolve("cgroup.procs")), dir + "/cgroup.procs was chowned on cgroup v1");
        }
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Cgroup ownership",
            text = "If the configuration does not specify a read/write cgroup mount at /sys/fs/cgroup, the runtime SHOULD NOT change the cgroup ownership")
    void noChownWithoutACgroupMount(Sandbox sb) throws IOException {
        var b = sb.bundle().user(1000, 1000).namespace("cgroup");
        Container c = created(sb, b);
        Path dir = HostCgroups.dir(c.pidFromFile(), "pids");
        assertEquals(0, owner(dir), dir + " was chowned to the container user");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals(0, owner(f), f + " was chowned to the container user");
            }
        }
    }

    // ---- Block IO

    @Test
    @Requirement(file = "config-linux.md", heading = "Block IO",
            text = "throttleReadBpsDevice, throttleWriteIOPSDevice: per-device bandwidth and IO rate limits (major, minor, rate) are set in the blkio (v1) or io (v2) controller")
    void throttleLimitsAreWritten(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(controllerAvailable("blkio", "io"), "no blkio (v1) or io (v2) controller on this host");
        String dev;
        try (Stream<Path> s = Files.list(Path.of("/sys/block"))) {
            dev = s.map(p -> p.resolve("dev")).filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p).trim();
                } catch (IOException e) {
                    return null;
                }
            }).filter(d -> d != null && !d.startsWith("7:")).sorted().findFirst().orElse(null);
        }
        Assumptions.assumeTrue(dev != null, "no block device in /sys/block");
        int major = Integer.parseInt(dev.split(":")[0]);
        int minor = Integer.parseInt(dev.split(":")[1]);
        var b = sb.bundle();
        var blkio = b.resources().putObject("blockIO");
        blkio.putArray("throttleReadBpsDevice").addObject().put("major", major).put("minor", minor).put("rate", 1048576);
        blkio.putArray("throttleWriteIOPSDevice").addObject().put("major", major).put("minor", minor).put("rate", 123);
        Container c = created(sb, b);
        long pid = c.pidFromFile();
        if (HostCgroups.unifiedOnly()) {
            String max = HostCgroups.read(pid, "io", "", "io.max");
            assertTrue(max.contains(dev + " rbps=1048576") && max.contains("wiops=123"), "io.max: " + max);
        } else {
            assertTrue(HostCgroups.read(pid, "blkio", "blkio.throttle.read_bps_device", "").contains(dev + " 1048576"));
            assertTrue(HostCgroups.read(pid, "blkio", "blkio.throttle.write_iops_device", "").contains(dev + " 123"));
        }
    }

    /** A cgroup file as the container reads it: its path under /sys/fs/cgroup and its content. */
    private record CgroupFile(String path, String content) {
        String firstLine() {
            return content.lines().findFirst().orElse("");
        }
    }

    /**
     * Runs {@code b} in a cgroup namespace with a read-only cgroup mount at /sys/fs/cgroup (so the
     * mount shows the container's own cgroup) and reads, from inside, the first of
     * {@code candidates} that exists: the files in the order runc prefers them.
     */
    private static CgroupFile readInside(Sandbox sb, BundleBuilder b, List<String> candidates) {
        String script = "for f in " + String.join(" ", candidates) + "; do if [ -e \"$f\" ]; then echo \"$f\"; exec /probe cat \"$f\"; fi; done;"
                + " echo 'none of the files exists' >&2; exit 1";
        String out = sb.run(b.withoutMount("/sys/fs/cgroup").namespace("cgroup")
                .mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro")
                .shell(script).build()).stdout();
        int nl = out.indexOf('\n');
        assertTrue(nl > 0, "no file named in the output: " + out);
        return new CgroupFile(out.substring(0, nl), out.substring(nl + 1).strip());
    }

    /** runc's conversion of a blkio weight (10..1000) to io.weight (1..10000), for v2 without BFQ. */
    private static long ioWeight(long blkioWeight) {
        return 1 + (blkioWeight - 10) * 9999 / 990;
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Block IO",
            text = "weight: the per-cgroup weight, the group's default on all devices (blkio.weight, or blkio.bfq.weight without CFQ, on v1;"
                    + " io.bfq.weight, or io.weight converted as runc does, on v2), as the container sees it through a cgroup mount")
    void blockIoWeightIsWritten(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(controllerAvailable("blkio", "io"), "no blkio (v1) or io (v2) controller on this host");
        var b = sb.bundle();
        b.resources().putObject("blockIO").put("weight", 300);
        boolean v2 = HostCgroups.unifiedOnly();
        List<String> candidates = v2 ? List.of("/sys/fs/cgroup/io.bfq.weight", "/sys/fs/cgroup/io.weight")
                : List.of("/sys/fs/cgroup/blkio/blkio.weight", "/sys/fs/cgroup/blkio/blkio.bfq.weight");
        CgroupFile f = readInside(sb, b, candidates);
        switch (f.path().substring(f.path().lastIndexOf('/') + 1)) {
            case "blkio.weight", "blkio.bfq.weight" -> assertEquals("300", f.content(), f.path());
            case "io.bfq.weight" -> assertEquals("default 300", f.firstLine(), f.path());
            default -> assertEquals("default " + ioWeight(300), f.firstLine(), f.path());
        }
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Block IO",
            text = "weightDevice: a per-device weight (major, minor, weight) overrides the group's weight on that device"
                    + " (blkio.weight_device or blkio.bfq.weight_device on v1, io.bfq.weight on v2; here a loop device switched to BFQ)")
    void blockIoWeightDeviceIsWritten(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(controllerAvailable("blkio", "io"), "no blkio (v1) or io (v2) controller on this host");
        try (BfqLoopDevice bfq = BfqLoopDevice.acquire()) {
            var b = sb.bundle();
            var blkio = b.resources().putObject("blockIO").put("weight", 300);
            blkio.putArray("weightDevice").addObject().put("major", bfq.major()).put("minor", bfq.minor()).put("weight", 700);
            List<String> candidates = HostCgroups.unifiedOnly() ? List.of("/sys/fs/cgroup/io.bfq.weight")
                    : List.of("/sys/fs/cgroup/blkio/blkio.weight_device", "/sys/fs/cgroup/blkio/blkio.bfq.weight_device");
            CgroupFile f = readInside(sb, b, candidates);
            assertTrue(f.content().lines().anyMatch((bfq.device() + " 700")::equals), f.path() + ": " + f.content());
        }
    }

    // ---- Huge page limits

    private static final String NO_HUGETLB = "the hugetlb controller is not available to containers here (hybrid host: not mounted as a cgroup v1 hierarchy)";

    @Test
    @Requirement(file = "config-linux.md", heading = "Huge page limits",
            text = "hugepageLimits: limit in bytes of hugepagesize HugeTLB usage is set in the hugetlb controller (hugetlb.2MB.limit_in_bytes or .max)")
    void hugepageLimitIsWritten(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(controllerAvailable("hugetlb", "hugetlb"), NO_HUGETLB);
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB")), "no 2 MB huge pages on this host");
        var b = sb.bundle();
        b.resources().putArray("hugepageLimits").addObject().put("pageSize", "2MB").put("limit", 4L << 21);
        Container c = created(sb, b);
        assertEquals(String.valueOf(4L << 21), HostCgroups.read(c.pidFromFile(), "hugetlb", "hugetlb.2MB.limit_in_bytes", "hugetlb.2MB.max"));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Huge page limits",
            text = "hugepageLimits on a host without the hugetlb controller cannot be applied: the runtime MUST generate an error (runtime.md Create)")
    void hugepageLimitWithoutTheControllerIsAnError(Sandbox sb) throws IOException {
        Assumptions.assumeFalse(controllerAvailable("hugetlb", "hugetlb"), "the hugetlb controller is available: see hugepageLimitIsWritten");
        var b = sb.bundle();
        b.resources().putArray("hugepageLimits").addObject().put("pageSize", "2MB").put("limit", 4L << 21);
        assertCreateFails(sb, b, "the hugetlb controller is not available");
    }

    // ---- Network

    @Test
    @Requirement(file = "config-linux.md", heading = "Network",
            text = "classID: the network class identifier the cgroup's packets are tagged with (net_cls.classid); priorities per interface (net_prio.ifpriomap)")
    void netClassIdIsWritten(Sandbox sb) throws IOException {
        Assumptions.assumeFalse(HostCgroups.unifiedOnly(), "cgroup v2 has no net_cls/net_prio controllers");
        Assumptions.assumeTrue(controllerAvailable("net_cls", null), "the net_cls controller is not mounted as a cgroup v1 hierarchy on this host");
        var b = sb.bundle();
        b.resources().putObject("network").put("classID", 1048577);
        Container c = created(sb, b);
        assertEquals("1048577", HostCgroups.read(c.pidFromFile(), "net_cls", "net_cls.classid", ""));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Network",
            text = "classID (net_cls.classid) and priorities per interface (net_prio.ifpriomap), in a net_cls,net_prio v1 hierarchy"
                    + " the test mounts where the kernel has the controllers unmounted; read from the host while the container exists")
    void netClassIdAndPrioritiesAreWrittenInAMountedHierarchy(Sandbox sb) throws IOException {
        try (NetClsPrioHierarchy hierarchy = NetClsPrioHierarchy.mount()) {
            String parent = "jrt-conformance-" + sb.newId();
            String path = "/" + parent + "/" + sb.newId();
            sb.onClose(() -> HostCgroups.removeEmpty(parent)); // the runtime made the parent in every hierarchy
            var b = sb.bundle().cgroupsPath(path);
            var network = b.resources().putObject("network").put("classID", 1048577);
            network.putArray("priorities").addObject().put("name", "lo").put("priority", 5);
            Container c = created(sb, b);
            try {
                Path dir = hierarchy.dir(path);
                assertEquals("1048577", Files.readString(dir.resolve("net_cls.classid")).trim(), dir + "/net_cls.classid");
                String ifpriomap = Files.readString(dir.resolve("net_prio.ifpriomap"));
                assertTrue(ifpriomap.lines().anyMatch("lo 5"::equals), dir + "/net_prio.ifpriomap: " + ifpriomap);
            } finally {
                // before the hierarchy is unmounted: a cgroup with a process would keep it alive
                sb.cli().exec("delete", "--force", c.id());
            }
        }
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Network",
            text = "network.classID on a host without the net_cls controller cannot be applied: the runtime MUST generate an error (runtime.md Create)")
    void netClassIdWithoutTheControllerIsAnError(Sandbox sb) throws IOException {
        Assumptions.assumeFalse(controllerAvailable("net_cls", null), "the net_cls controller is mounted: see netClassIdIsWritten");
        var b = sb.bundle();
        b.resources().putObject("network").put("classID", 1048577);
        assertCreateFails(sb, b, "the net_cls controller is not available");
    }

    // ---- RDMA

    @Test
    @Requirement(file = "config-linux.md", heading = "RDMA",
            text = "rdma: hcaHandles and hcaObjects limits of an RDMA device are set in the rdma controller (rdma.max);"
                    + " the host's first RDMA device, or a soft-RoCE (rdma_rxe) device the test makes")
    void rdmaLimitIsWritten(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(controllerAvailable("rdma", "rdma"), "no rdma cgroup controller on this host");
        try (RdmaDevice rdma = RdmaDevice.acquire()) {
            var b = sb.bundle();
            b.resources().putObject("rdma").putObject(rdma.name()).put("hcaHandles", 3).put("hcaObjects", 100);
            Container c = created(sb, b);
            try {
                String max = HostCgroups.read(c.pidFromFile(), "rdma", "rdma.max", "rdma.max");
                assertTrue(max.lines().map(String::trim).anyMatch((rdma.name() + " hca_handle=3 hca_object=100")::equals), "rdma.max: " + max);
            } finally {
                sb.cli().exec("delete", "--force", c.id()); // before a device made for the test goes
            }
        }
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "RDMA",
            text = "rdma limits on a host without the rdma controller cannot be applied: the runtime MUST generate an error (runtime.md Create)")
    void rdmaWithoutTheControllerIsAnError(Sandbox sb) throws IOException {
        Assumptions.assumeFalse(controllerAvailable("rdma", "rdma"), "the rdma controller is available");
        var b = sb.bundle();
        b.resources().putObject("rdma").putObject("mlx5_0").put("hcaHandles", 3);
        assertCreateFails(sb, b, "there is no rdma controller");
    }

    // ---- Unified

    @Test
    @Requirement(file = "config-linux.md", heading = "Unified",
            text = "unified: each key refers to a file in the cgroup unified hierarchy; the runtime MUST ensure the needed controllers are enabled and write the value")
    void unifiedValuesAreWritten(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(HostCgroups.unifiedOnly(),
                "this host is hybrid: the controllers are on cgroup v1 and the cgroup2 tree at /sys/fs/cgroup/unified has none of them");
        var b = sb.bundle();
        b.resources().putObject("unified").put("pids.max", "17");
        Container c = created(sb, b);
        assertEquals("17", HostCgroups.read(c.pidFromFile(), "pids", "", "pids.max"));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Unified",
            text = "The runtime MUST generate an error when the configuration refers to a cgroup controller that is not present or that cannot be enabled")
    void anAbsentControllerIsAnError(Sandbox sb) {
        // hybrid host: memory is bound to cgroup v1 and cannot be enabled in the cgroup2 tree
        String key = HostCgroups.unifiedOnly() ? "nosuchcontroller.max" : "memory.max";
        var b = sb.bundle();
        b.resources().putObject("unified").put(key, "67108864");
        assertCreateFails(sb, b, "unified." + key + " refers to a controller that is not present in the cgroup2 hierarchy");
    }

    // ---- IntelRdt

    private static boolean resctrlMounted() throws IOException {
        return Files.readString(Path.of("/proc/self/mountinfo")).lines().anyMatch(l -> l.contains(" - resctrl "));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "IntelRdt",
            text = "If no mounted resctrl pseudo-filesystem is available in the runtime mount namespace, the runtime MUST generate an error")
    @Deviation(runtime = "runc", reason = "runc 1.1 checks for Intel RDT only when l3CacheSchema or memBwSchema is set; with closID alone it ignores intelRdt")
    void intelRdtWithoutResctrlIsAnError(Sandbox sb) throws IOException {
        Assumptions.assumeFalse(resctrlMounted(), "resctrl is mounted on this host");
        var b = sb.bundle();
        b.linux().putObject("intelRdt").put("closID", "jrt-conformance");
        assertCreateFails(sb, b, "no resctrl filesystem is mounted");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "IntelRdt",
            text = "If intelRdt is set, the runtime MUST write the container process ID to the tasks file in a sub-directory of the mounted resctrl pseudo-filesystem; if closID is not set, the <container-id> directory")
    void intelRdtPutsTheProcessInItsClos(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(resctrlMounted(), "no resctrl filesystem is mounted on this host (no Intel RDT / AMD QoS support)");
        var b = sb.bundle();
        b.linux().putObject("intelRdt");
        Container c = created(sb, b);
        String root = Files.readString(Path.of("/proc/self/mountinfo")).lines().filter(l -> l.contains(" - resctrl "))
                .findFirst().orElseThrow().split(" ")[4];
        Path tasks = Path.of(root, c.id(), "tasks");
        assertTrue(Files.readAllLines(tasks).contains(String.valueOf(c.pidFromFile())), "pid not in " + tasks);
    }
}
