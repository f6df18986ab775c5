package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.HostCgroups;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * config-linux.md "Control groups": limits written by the runtime, read back
 * from the host while the container is created, and enforced from inside.
 * Works on cgroup v1 (this host's hybrid layout) and v2.
 */
@ConformanceTest
class CgroupsTest {

    private static Container created(Sandbox sb, BundleBuilder b) {
        return sb.create(b.args("/probe", "sleep", "100").build());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Memory",
            text = "limit (int64, OPTIONAL) - sets limit of memory usage in bytes")
    void memoryLimitIsWritten(Sandbox sb) {
        var b = sb.bundle();
        b.resources().putObject("memory").put("limit", 64L << 20);
        Container c = created(sb, b);
        assertEquals(String.valueOf(64L << 20), HostCgroups.read(c.pidFromFile(), "memory", "memory.limit_in_bytes", "memory.max"));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Memory",
            text = "limit: the container cannot use more memory than the limit (an allocation beyond it fails or the process is OOM-killed)")
    void memoryLimitIsEnforced(Sandbox sb) {
        var b = sb.bundle().args("/probe", "alloc", "256");
        b.resources().putObject("memory").put("limit", 32L << 20).put("swap", 32L << 20);
        CliResult r = sb.tryRun(b.build(), Duration.ofSeconds(60));
        assertFalse(r.ok() && r.stdout().contains("\"alloc\":256"), "256 MiB allocated under a 32 MiB limit: " + r.describe());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "PIDs",
            text = "limit (int64, REQUIRED) - specifies the maximum number of tasks in the cgroup")
    void pidsLimitIsWritten(Sandbox sb) {
        var b = sb.bundle();
        b.resources().putObject("pids").put("limit", 42);
        Container c = created(sb, b);
        assertEquals("42", HostCgroups.read(c.pidFromFile(), "pids", "pids.max", "pids.max"));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "PIDs",
            text = "limit: forks beyond the maximum number of tasks fail (EAGAIN)")
    void pidsLimitIsEnforced(Sandbox sb) {
        var b = sb.bundle().args("/probe", "fork", "40");
        b.resources().putObject("pids").put("limit", 10);
        ProbeReport p = ProbeReport.parse(sb.tryRun(b.build()).stdout());
        assertTrue(p.json().path("forked").asInt() < 10, "forked " + p);
        assertEquals(11, p.errno(), "errno " + p); // EAGAIN
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "CPU",
            text = "shares, quota and period are written to the container's cgroup")
    void cpuSharesQuotaAndPeriodAreWritten(Sandbox sb) {
        var b = sb.bundle();
        b.resources().putObject("cpu").put("shares", 512).put("quota", 50000).put("period", 100000);
        Container c = created(sb, b);
        long pid = c.pidFromFile();
        if (HostCgroups.unifiedOnly()) {
            assertEquals("50000 100000", HostCgroups.read(pid, "cpu", "", "cpu.max"));
        } else {
            assertEquals("512", HostCgroups.read(pid, "cpu", "cpu.shares", ""));
            assertEquals("50000", HostCgroups.read(pid, "cpu", "cpu.cfs_quota_us", ""));
            assertEquals("100000", HostCgroups.read(pid, "cpu", "cpu.cfs_period_us", ""));
        }
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "CPU",
            text = "cpus - list of CPUs the container will run on (cpuset.cpus; the process's affinity)")
    void cpusetCpusRestrictsTheAffinity(Sandbox sb) {
        var b = sb.bundle();
        b.resources().putObject("cpu").put("cpus", "0");
        ProbeReport p = sb.report(b.build());
        assertEquals("[0]", p.json().path("cpuAffinity").toString());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Cgroups Path",
            text = "In the case of an absolute path (starting with /), the runtime MUST take the path to be relative to the cgroups mount point")
    void anAbsoluteCgroupsPathIsUsed(Sandbox sb) {
        String parent = "jrt-conformance-" + sb.newId();
        String path = "/" + parent + "/" + sb.newId();
        sb.onClose(() -> HostCgroups.removeEmpty(parent));
        Container c = created(sb, sb.bundle().cgroupsPath(path));
        long pid = c.pidFromFile();
        assertEquals(path, HostCgroups.path(pid, "memory").orElseThrow());
        assertEquals(path, HostCgroups.path(pid, "pids").orElseThrow());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "Deleting a container MUST delete the resources that were created during the create step (its cgroup)")
    void deleteRemovesTheCgroup(Sandbox sb) {
        var b = sb.bundle();
        b.resources().putObject("pids").put("limit", 42);
        Container c = created(sb, b);
        Path dir = HostCgroups.dir(c.pidFromFile(), "pids");
        assertTrue(Files.isDirectory(dir));
        c.kill("KILL");
        c.awaitStatus("stopped", Duration.ofSeconds(10));
        c.delete();
        assertFalse(Files.exists(dir), dir + " still exists after delete");
    }

    /**
     * 240:0 (a number for local use, no driver: ENXIO when allowed) is in no default allow list; the
     * rules end with allow (lastAllows) or deny for it. The container makes
     * the node itself (linux.devices would make it too, without allowing it: see DevicesTest). Opening
     * it then fails with EPERM only when the last rule denies it.
     */
    private static ProbeReport openTunWithRules(Sandbox sb, boolean lastAllows) {
        var b = sb.bundle().capabilities("CAP_MKNOD")
                .shell("mknod /tmp/tun c 240 0 || echo '{\"errno\":1,\"mknod\":\"denied\"}'; [ -e /tmp/tun ] && /probe write /tmp/tun x");
        var devs = b.resources().putArray("devices");
        devs.addObject().put("allow", false).put("access", "rwm");
        devs.addObject().put("allow", !lastAllows).put("type", "c").put("major", 240).put("minor", 0).put("access", "rwm");
        devs.addObject().put("allow", lastAllows).put("type", "c").put("major", 240).put("minor", 0).put("access", "rwm");
        return ProbeReport.parse(sb.tryRun(b.build()).stdout());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Allowed Device list",
            text = "The runtime MUST apply entries in the listed order (deny all, allow 240:0, deny 240:0: access is denied)")
    void aLaterDenyRuleWins(Sandbox sb) {
        ProbeReport p = openTunWithRules(sb, false);
        assertEquals(1, p.errno(), "open of a denied device: " + p); // EPERM
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Allowed Device list",
            text = "The runtime MUST apply entries in the listed order (deny all, deny 240:0, allow 240:0: access is allowed)")
    void aLaterAllowRuleWins(Sandbox sb) {
        ProbeReport p = openTunWithRules(sb, true);
        assertNotEquals(1, p.errno(), "open of an allowed device: " + p);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Control groups",
            text = "the container process is placed in a cgroup of its own (not the runtime's)")
    void theContainerGetsItsOwnCgroup(Sandbox sb) {
        Container c = created(sb, sb.bundle());
        assertNotEquals(HostCgroups.path(ProcessHandle.current().pid(), "pids").orElseThrow(),
                HostCgroups.path(c.pidFromFile(), "pids").orElseThrow());
    }
}
