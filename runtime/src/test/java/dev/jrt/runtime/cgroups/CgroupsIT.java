package dev.jrt.runtime.cgroups;

import dev.jrt.hostfixtures.BfqLoopDevice;
import dev.jrt.hostfixtures.NetClsPrioHierarchy;
import dev.jrt.hostfixtures.RdmaDevice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerStatus;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.container.LinuxRuntime;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.state.FileStateStore;
import dev.jrt.runtime.testsupport.TestBundle;
import dev.jrt.spec.model.LinuxMemory;
import dev.jrt.spec.model.LinuxPids;
import dev.jrt.spec.model.LinuxResources;
import dev.jrt.spec.model.LinuxCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits on real containers (root only), on whatever cgroup layout the host has: this hybrid
 * v1 host, or a pure v2 kernel in {@code make test-cgroupv2}. Values are read back from the
 * host's cgroup directories recorded in the container's state; enforcement is shown from inside.
 */
class CgroupsIT {
    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfs;
    private Path stateRoot;
    private LinuxRuntime runtime;
    private final ContainerId id = ContainerId.of("cg-" + ProcessHandle.current().pid());

    @BeforeEach
    void setUp() throws IOException {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        Files.createSymbolicLink(rootfs.resolve("bin/dd"), Path.of("busybox"));
        stateRoot = tmp.resolve("state");
        runtime = new LinuxRuntime(new RuntimeOptions(stateRoot, Path.of(System.getProperty("jrt.init")), LogSink.NONE, false));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.delete(id, true);
        }
    }

    private void config(String script, String resources) throws IOException {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config(script, "\"resources\": " + resources));
    }

    private Map<String, Path> dirs() {
        Map<String, Path> out = new LinkedHashMap<>();
        new FileStateStore(stateRoot).load(id).cgroupPaths().forEach((k, v) -> out.put(k, Path.of(v)));
        return out;
    }

    private boolean v2() {
        Map<String, Path> d = dirs();
        return d.size() == 1 && d.containsKey("");
    }

    /** The value of a v1 file (in the controller's hierarchy) or of its v2 counterpart. */
    private String read(String controller, String v1File, String v2File) throws IOException {
        Map<String, Path> d = dirs();
        Path file = v2() ? d.get("").resolve(v2File) : V1CgroupManager.hierarchy(d, controller).resolve(v1File);
        return Files.readString(file).trim();
    }

    private void awaitFile(String name) throws InterruptedException {
        TestBundle.awaitOutput(rootfs, name);
    }

    private void assertNothingLeft(Map<String, Path> before) {
        assertFalse(Files.exists(stateRoot.resolve(id.value())), "state left behind");
        before.values().forEach(p -> assertFalse(Files.exists(p), "cgroup " + p + " left behind"));
    }

    /** Where the container's cgroups would be, computed as create computes them. */
    private Map<String, Path> expectedDirs() {
        Map<String, Path> out = new LinkedHashMap<>();
        CgroupManagers.forContainer(CgroupHost.detect(), null, id.value()).paths().forEach((k, v) -> out.put(k, Path.of(v)));
        return out;
    }

    @Test
    void limitsAreWrittenToTheContainersCgroup() throws Exception {
        config("exec sleep 60", """
                {"memory": {"limit": 67108864, "reservation": 33554432, "swap": 100663296},
                 "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0", "mems": "0"},
                 "pids": {"limit": 42}}""");
        runtime.create(id, CreateOptions.of(bundle));
        assertEquals("67108864", read("memory", "memory.limit_in_bytes", "memory.max"));
        assertEquals("33554432", read("memory", "memory.soft_limit_in_bytes", "memory.low"));
        assertEquals(v2() ? "33554432" : "100663296", read("memory", "memory.memsw.limit_in_bytes", "memory.swap.max"));
        assertEquals(v2() ? "20" : "512", read("cpu", "cpu.shares", "cpu.weight"));
        assertEquals(v2() ? "50000 100000" : "50000", read("cpu", "cpu.cfs_quota_us", "cpu.max"));
        assertEquals("0", read("cpuset", "cpuset.cpus", "cpuset.cpus"));
        assertEquals("42", read("pids", "pids.max", "pids.max"));
        int pid = runtime.state(id).pid();
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).contains("Cpus_allowed_list:\t0\n"),
                "the init runs on cpu 0 only");
        CgroupStats stats = runtime.stats(id);
        assertEquals(67108864, stats.memory().usage().limit());
        assertEquals(42, stats.pids().limit());
        assertEquals(1, stats.pids().current());
        assertEquals(List.of(0), stats.cpuset().cpus());
        assertEquals(List.of(0), stats.cpuset().mems());
    }

    @Test
    void cpuBurstAndIdleAreWritten() throws Exception {
        config("exec sleep 60", """
                {"cpu": {"quota": 50000, "period": 100000, "burst": 20000, "idle": 1}}""");
        runtime.create(id, CreateOptions.of(bundle));
        assertEquals("20000", read("cpu", "cpu.cfs_burst_us", "cpu.max.burst"));
        assertEquals("1", read("cpu", "cpu.idle", "cpu.idle"));
    }

    @Test
    void v1MemoryExtrasAreWritten() throws Exception {
        Map<String, Path> expected = expectedDirs();
        Assumptions.assumeFalse(expected.size() == 1 && expected.containsKey(""), "cgroup v1 only: v2 refuses these fields");
        config("exec sleep 60", """
                {"memory": {"limit": 67108864, "swappiness": 30, "disableOOMKiller": true, "kernelTCP": 33554432}}""");
        runtime.create(id, CreateOptions.of(bundle));
        assertEquals("30", read("memory", "memory.swappiness", null));
        assertTrue(read("memory", "memory.oom_control", null).contains("oom_kill_disable 1"),
                "the OOM killer is still enabled: " + read("memory", "memory.oom_control", null));
        assertEquals("33554432", read("memory", "memory.kmem.tcp.limit_in_bytes", null));
    }

    @Test
    void v1RealtimePeriodIsWritten() throws Exception {
        Map<String, Path> expected = expectedDirs();
        Assumptions.assumeFalse(expected.size() == 1 && expected.containsKey(""), "cgroup v1 only");
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/fs/cgroup/cpu/cpu.rt_period_us")), "needs CONFIG_RT_GROUP_SCHED");
        config("exec sleep 60", """
                {"cpu": {"realtimePeriod": 500000, "realtimeRuntime": 0}}""");
        runtime.create(id, CreateOptions.of(bundle));
        assertEquals("500000", read("cpu", "cpu.rt_period_us", null));
        assertEquals("0", read("cpu", "cpu.rt_runtime_us", null));
    }

    /** A block device's "major:minor": the disk, else a loop device (the v2 lane's guest has only those). */
    private static String blockDevice() throws IOException {
        for (String name : List.of("vda", "sda", "loop0")) {
            Path dev = Path.of("/sys/block", name, "dev");
            if (Files.exists(dev)) {
                return Files.readString(dev).trim();
            }
        }
        Assumptions.abort("no block device (vda, sda or loop0)");
        return null;
    }

    @Test
    void blockIoThrottleIsWritten() throws Exception {
        String[] dev = blockDevice().split(":");
        config("exec sleep 60", """
                {"blockIO": {"throttleReadBpsDevice": [{"major": %s, "minor": %s, "rate": 1048576}],
                             "throttleWriteIOPSDevice": [{"major": %s, "minor": %s, "rate": 300}]}}"""
                .formatted(dev[0], dev[1], dev[0], dev[1]));
        runtime.create(id, CreateOptions.of(bundle));
        String device = dev[0] + ":" + dev[1];
        if (v2()) {
            assertEquals(device + " rbps=1048576 wbps=max riops=max wiops=300", read("io", null, "io.max"));
        } else {
            assertEquals(device + " 1048576", read("blkio", "blkio.throttle.read_bps_device", null));
            assertEquals(device + " 300", read("blkio", "blkio.throttle.write_iops_device", null));
        }
    }

    /**
     * blkio weights through BFQ: on v1 blkio.bfq.weight and blkio.bfq.weight_device (this kernel has
     * no CFQ, so no blkio.weight), on v2 io.bfq.weight, whose default line takes the weight as it
     * is and whose per-device lines take weightDevice, as runc 1.1 writes them.
     */
    @Test
    void blockIoWeightsAreWrittenThroughBfq() throws Exception {
        try (BfqLoopDevice bfq = BfqLoopDevice.acquire()) {
            String[] dev = bfq.device().split(":");
            config("exec sleep 60", """
                    {"blockIO": {"weight": 300, "weightDevice": [{"major": %s, "minor": %s, "weight": 700}]}}"""
                    .formatted(dev[0], dev[1]));
            runtime.create(id, CreateOptions.of(bundle));
            if (v2()) {
                assertEquals("default 300\n" + bfq.device() + " 700", read("io", null, "io.bfq.weight"));
            } else {
                assertEquals("300", read("blkio", "blkio.bfq.weight", null));
                assertEquals("default 300\n" + bfq.device() + " 700", read("blkio", "blkio.bfq.weight_device", null));
            }
            runtime.delete(id, true);
        }
    }

    /** Neither this kernel's v1 blkio (no CFQ) nor cgroup v2 has a leaf weight: the error names the field. */
    @Test
    void aLeafWeightTheKernelLacksIsNamed() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        boolean unified = dirs.size() == 1 && dirs.containsKey("");
        Path blkio = unified ? null : V1CgroupManager.hierarchy(CgroupHost.detect().v1Mounts(), "blkio");
        Assumptions.assumeTrue(unified || blkio != null && !Files.exists(blkio.resolve("blkio.leaf_weight")),
                "no blkio hierarchy, or one with blkio.leaf_weight (CFQ)");
        config("true", "{\"blockIO\": {\"leafWeight\": 300}}");
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("/linux/resources/blockIO/leafWeight: "), e.getMessage());
        assertTrue(e.getMessage().contains(unified ? "does not exist on cgroup v2" : "no blkio.leaf_weight"), e.getMessage());
        assertNothingLeft(dirs);
    }

    /** rdma.max for one device; on the v2 lane the device is soft-RoCE (rdma_rxe) on a veth pair. */
    @Test
    void rdmaLimitsAreWritten() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        boolean unified = dirs.size() == 1 && dirs.containsKey("");
        Assumptions.assumeTrue(unified ? Files.readString(Path.of("/sys/fs/cgroup/cgroup.controllers")).contains("rdma")
                : V1CgroupManager.hierarchy(dirs, "rdma") != null, "no rdma cgroup controller on this host");
        try (RdmaDevice rdma = RdmaDevice.acquire()) {
            config("exec sleep 60", """
                    {"rdma": {"%s": {"hcaHandles": 2, "hcaObjects": 2000}}}""".formatted(rdma.name()));
            runtime.create(id, CreateOptions.of(bundle));
            List<String> lines = read("rdma", "rdma.max", "rdma.max").lines().map(String::trim).toList();
            assertTrue(lines.contains(rdma.name() + " hca_handle=2 hca_object=2000"), "rdma.max: " + lines);
            runtime.delete(id, true);
        }
    }

    /**
     * network.classID and priorities on v1: the test mounts net_cls,net_prio (unmounted on this
     * host) for its duration; jrt finds the hierarchy in mountinfo as runc does.
     */
    @Test
    void networkClassAndPrioritiesAreWrittenOnV1() throws Exception {
        Map<String, Path> before = expectedDirs();
        Assumptions.assumeFalse(before.size() == 1 && before.containsKey(""), "cgroup v1 only: v2 has no net_cls/net_prio");
        try (NetClsPrioHierarchy hierarchy = NetClsPrioHierarchy.mount()) {
            Map<String, Path> dirs = expectedDirs();
            config("exec sleep 60", """
                    {"network": {"classID": 1048577, "priorities": [{"name": "lo", "priority": 5}]}}""");
            runtime.create(id, CreateOptions.of(bundle));
            assertEquals("1048577", read("net_cls", "net_cls.classid", null));
            assertTrue(read("net_prio", "net_prio.ifpriomap", null).lines().toList().contains("lo 5"),
                    read("net_prio", "net_prio.ifpriomap", null));
            runtime.delete(id, true);
            assertNothingLeft(dirs);
        }
    }

    @Test
    void aValueTheKernelRefusesNamesTheFieldAndLeavesNothing() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        config("true", "{\"cpu\": {\"period\": 100}}");
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("/linux/resources/cpu/period: write "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": invalid argument (allowed: 1000 to 1000000 microseconds)")
                || e.getMessage().endsWith(": invalid argument (allowed: a quota of at least 1000 or -1, a period of 1000"
                + " to 1000000 microseconds)"), e.getMessage());
        assertNothingLeft(dirs);
    }

    @Test
    void sharesTheKernelClampsAreRefused() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        config("true", "{\"cpu\": {\"shares\": 1}}");
        // v2: runc's conversion maps shares 1 to weight 1, which the kernel accepts
        Assumptions.assumeTrue(dirs.size() > 1, "cgroup v1 only");
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertEquals("/linux/resources/cpu/shares: 1 is out of range; the minimum this kernel allows is 2"
                + " (allowed: 2 to 262144)", e.getMessage());
        assertNothingLeft(dirs);
    }

    @Test
    void aControllerTheHostLacksIsNamed() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        config("true", "{\"network\": {\"classID\": 1048577}}");
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("/linux/resources/network"), e.getMessage());
        assertTrue(e.getMessage().contains("net_cls"), e.getMessage());
        assertNothingLeft(dirs);
    }

    @Test
    void anUnknownUnifiedKeyIsRefused() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        config("true", "{\"unified\": {\"memory.nosuch\": \"1\"}}");
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("/linux/resources/unified"), e.getMessage());
        assertNothingLeft(dirs);
    }

    @Test
    void unifiedKeysAreWrittenOnV2() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        // cgroup v1: refused, see anUnknownUnifiedKeyIsRefused
        Assumptions.assumeTrue(dirs.size() == 1, "cgroup v2 only");
        config("exec sleep 60", "{\"unified\": {\"memory.high\": \"50000000\", \"pids.max\": \"7\"}}");
        runtime.create(id, CreateOptions.of(bundle));
        assertEquals("49999872", read("memory", "", "memory.high"), "rounded down to pages");
        assertEquals("7", read("pids", "", "pids.max"));
    }

    /** The pure v2 guest of make test-cgroupv2 has hugetlb; this hybrid host does not mount it for v1. */
    @Test
    void hugepageLimitsAreWritten() throws Exception {
        Map<String, Path> dirs = expectedDirs();
        Assumptions.assumeTrue(dirs.containsKey("hugetlb") || dirs.size() == 1
                && Files.readString(Path.of("/sys/fs/cgroup/cgroup.controllers")).contains("hugetlb"), "no hugetlb controller");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB")), "no 2 MB pages");
        config("exec sleep 60", "{\"hugepageLimits\": [{\"pageSize\": \"2MB\", \"limit\": 8388608}]}");
        runtime.create(id, CreateOptions.of(bundle));
        assertEquals("8388608", read("hugetlb", "hugetlb.2MB.limit_in_bytes", "hugetlb.2MB.max"));
        assertEquals(0, runtime.stats(id).hugetlb().get("2MB").usage());
    }

    @Test
    void aMemoryHogIsOomKilledAndCounted() throws Exception {
        config("dd if=/dev/zero of=/dev/null bs=64M count=1; echo $? > /out/dd; touch /out/dd.done; exec sleep 60",
                "{\"memory\": {\"limit\": 33554432, \"swap\": 33554432}}");
        runtime.run(id, CreateOptions.of(bundle), true);
        awaitFile("dd.done"); // /out/dd exists, empty, from its redirection on
        assertEquals("137", Files.readString(rootfs.resolve("out/dd")).trim(), "dd is SIGKILLed");
        CgroupStats stats = runtime.stats(id);
        assertTrue(stats.oomKills() >= 1, "oom kills: " + stats.oomKills());
        assertEquals(33554432, stats.memory().usage().limit());
    }

    @Test
    void forksStopAtPidsMax() throws Exception {
        config("(i=0; while [ $i -lt 100 ]; do sleep 60 & i=$((i+1)); done) 2> /out/err; : > /out/done; exec sleep 60",
                "{\"pids\": {\"limit\": 10}}");
        runtime.run(id, CreateOptions.of(bundle), true);
        awaitFile("done");
        String err = Files.readString(rootfs.resolve("out/err"));
        assertTrue(err.contains("can't fork"), "the subshell's fork failed: " + err);
        int n = runtime.pids(id).size();
        assertTrue(n <= 10, n + " processes under pids.max 10");
        assertEquals(n, runtime.stats(id).pids().current());
    }

    @Test
    void updateChangesLiveLimits() throws Exception {
        config("exec sleep 60", "{\"memory\": {\"limit\": 67108864}, \"pids\": {\"limit\": 42}}");
        runtime.run(id, CreateOptions.of(bundle), true);
        runtime.update(id, new LinuxResources(null, new LinuxMemory(134217728L, null, null, null, null, null, null, null, null),
                new LinuxCpu(null, 20000L, null, null, null, null, null, null, null), new LinuxPids(20L), null, null, null, null, null));
        assertEquals("134217728", read("memory", "memory.limit_in_bytes", "memory.max"));
        assertEquals("20", read("pids", "pids.max", "pids.max"));
        assertEquals(v2() ? "20000 100000" : "20000", read("cpu", "cpu.cfs_quota_us", "cpu.max"));

        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.update(id,
                new LinuxResources(null, null, null, new LinuxPids(5L), null, null, null, null, Map.of("nosuch.file", "1"))));
        assertTrue(e.getMessage().startsWith("/linux/resources/unified"), e.getMessage());
        assertEquals("5", read("pids", "pids.max", "pids.max"), "fields before the refused one are applied, as in runc");
    }

    private int ticks() throws IOException {
        return Files.readAllLines(rootfs.resolve("out/ticks")).size();
    }

    /** A container that appends a line every 50 ms stops appending while paused, and goes on after resume. */
    @Test
    void pauseFreezesEveryProcess() throws Exception {
        config("sleep 60 & while :; do echo . >> /out/ticks; sleep 0.05; done", "{}");
        runtime.run(id, CreateOptions.of(bundle), true);
        awaitFile("ticks");
        runtime.pause(id);
        assertEquals(ContainerStatus.PAUSED, runtime.state(id).status());
        assertEquals(v2() ? "1" : "FROZEN", read("freezer", "freezer.state", "cgroup.freeze"));
        int frozenAt = ticks();
        Thread.sleep(500);
        assertEquals(frozenAt, ticks(), "the container went on while paused");
        runtime.resume(id);
        assertEquals(v2() ? "0" : "THAWED", read("freezer", "freezer.state", "cgroup.freeze"));
        for (int i = 0; i < 500 && ticks() == frozenAt; i++) {
            Thread.sleep(10);
        }
        assertTrue(ticks() > frozenAt, "the container did not go on after resume");
    }

    /**
     * The marker is written by the shell itself ({@code : >}), not by {@code touch}: a touch
     * process has made the file before it exits, so it could still be counted (seen under TCG).
     */
    @Test
    void killAllKillsEveryProcess() throws Exception {
        config("sleep 60 & sleep 60 & : > /out/done; exec sleep 60", "{\"pids\": {\"limit\": 10}}");
        runtime.run(id, CreateOptions.of(bundle), true);
        awaitFile("done");
        assertEquals(3, runtime.pids(id).size());
        runtime.kill(id, 9, true);
        for (int i = 0; i < 500 && !runtime.pids(id).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(List.of(), runtime.pids(id), "every process is gone (cgroup.kill on v2)");
    }

    /**
     * The container makes c 240:0 (a number no driver has: ENXIO when allowed) and opens it; the
     * rules deny all, then allow and deny it in either order. v1: devices.allow/deny; v2: eBPF.
     */
    private String openDevice240(boolean lastAllows) throws Exception {
        Files.createSymbolicLink(rootfs.resolve("bin/mknod"), Path.of("busybox"));
        String rule = "{\"allow\": %s, \"type\": \"c\", \"major\": 240, \"minor\": 0, \"access\": \"rw\"}";
        Files.writeString(bundle.resolve("config.json"), TestBundle.config(
                "mknod /dev/d240 c 240 0 2> /out/mknod; (exec 3<> /dev/d240) 2> /out/open;"
                        + " (exec 3<> /dev/null && exec 4< /dev/zero) 2> /out/defaults; touch /out/done",
                "\"resources\": {\"devices\": [{\"allow\": false, \"access\": \"rwm\"}, " + rule.formatted(!lastAllows)
                        + ", " + rule.formatted(lastAllows) + "]}")
                .replace("\"CAP_KILL\"", "\"CAP_KILL\", \"CAP_MKNOD\""));
        runtime.run(id, CreateOptions.of(bundle), true);
        awaitFile("done");
        assertEquals("", Files.readString(rootfs.resolve("out/mknod")), "mknod is allowed by default");
        assertEquals("", Files.readString(rootfs.resolve("out/defaults")), "/dev/null and /dev/zero are allowed by default");
        return Files.readString(rootfs.resolve("out/open"));
    }

    @Test
    void aLaterDeviceDenyWins() throws Exception {
        String err = openDevice240(false);
        assertTrue(err.contains("Operation not permitted"), err);
    }

    @Test
    void aLaterDeviceAllowWins() throws Exception {
        String err = openDevice240(true);
        assertTrue(err.contains("No such device or address"), "allowed, and no driver: " + err);
    }
}
