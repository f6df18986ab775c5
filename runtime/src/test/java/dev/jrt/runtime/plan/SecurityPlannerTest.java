package dev.jrt.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.spec.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityPlannerTest {
    @TempDir
    Path bundle;

    private static final byte[] PROGRAM = {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f};

    private static String config(String process, String linux) {
        return """
                {"ociVersion": "1.0.2",
                 "process": {"args": ["sh"], "cwd": "/", %s},
                 "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "mount"}, {"type": "pid"}] %s}}
                """.formatted(process, linux);
    }

    private ContainerPlan plan(String json, SecurityInput security) {
        return Planner.plan(new PlanInput(ConfigLoader.parse(json), bundle, bundle.resolve("rootfs"), List.of(10), 0,
                -1, false, 0, "c1", security));
    }

    private static int indexOf(ContainerPlan p, Class<? extends Op> type) {
        for (int i = 0; i < p.ops().size(); i++) {
            if (type.isInstance(p.ops().get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static final String SECCOMP = ", \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\","
            + " \"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]}";

    @Test
    void withNoNewPrivilegesSeccompIsTheLastStepBeforeReady() {
        ContainerPlan p = plan(config("\"noNewPrivileges\": true", SECCOMP), new SecurityInput(PROGRAM, 2, -1L, false, false));
        int seccomp = indexOf(p, Op.Seccomp.class);
        assertTrue(indexOf(p, Op.NoNewPrivileges.class) < indexOf(p, Op.SetUser.class));
        assertTrue(indexOf(p, Op.Capabilities.class) < indexOf(p, Op.Chdir.class));
        assertTrue(indexOf(p, Op.FindExecutable.class) < seccomp);
        assertEquals(seccomp + 1, indexOf(p, Op.Ready.class));
        assertEquals("/linux/seccomp", p.sources().get(seccomp));
        Op.Seccomp op = (Op.Seccomp) p.ops().get(seccomp);
        assertArrayEquals(PROGRAM, op.program());
        assertEquals(2, op.flags());
    }

    @Test
    void withoutNoNewPrivilegesSeccompLoadsWhileCapSysAdminIsStillThere() {
        ContainerPlan p = plan(config("\"noNewPrivileges\": false", SECCOMP), new SecurityInput(PROGRAM, 0, -1L, false, false));
        assertEquals(-1, indexOf(p, Op.NoNewPrivileges.class));
        int seccomp = indexOf(p, Op.Seccomp.class);
        assertTrue(indexOf(p, Op.Umask.class) < seccomp || indexOf(p, Op.Umask.class) == -1);
        assertTrue(seccomp < indexOf(p, Op.SetUser.class));
        assertTrue(seccomp < indexOf(p, Op.Capabilities.class));
        assertTrue(indexOf(p, Op.CloseFds.class) < indexOf(p, Op.SetUser.class), "fds go before the uid changes, as runc");
    }

    @Test
    void seccompWithoutACompiledProgramIsRefused() {
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> plan(config("\"noNewPrivileges\": true", SECCOMP), SecurityInput.NONE));
        assertTrue(e.getMessage().startsWith("config.json: /linux/seccomp: "), e.getMessage());
    }

    @Test
    void capabilitiesTheHostCannotGrantAreLeftOut() {
        String caps = "\"capabilities\": {\"bounding\": [\"CAP_KILL\", \"CAP_SYS_RESOURCE\"], \"effective\": [\"CAP_SYS_RESOURCE\"],"
                + " \"permitted\": [\"CAP_KILL\", \"CAP_SYS_RESOURCE\", \"CAP_NOT_A_CAP\"]}";
        long host = ~(1L << 24);
        Op.Capabilities op = (Op.Capabilities) plan(config(caps, ""), new SecurityInput(null, 0, host, false, false))
                .ops().stream().filter(Op.Capabilities.class::isInstance).findFirst().orElseThrow();
        assertEquals(1L << 5, op.bounding());
        assertEquals(0, op.effective());
        assertEquals(1L << 5, op.permitted());
    }

    @Test
    void personalitySchedulerAndIoPriorityComeBeforePrivilegesGo() {
        ContainerPlan p = plan(config("\"scheduler\": {\"policy\": \"SCHED_BATCH\", \"nice\": 5, \"flags\": [\"SCHED_FLAG_RESET_ON_FORK\"]},"
                        + " \"ioPriority\": {\"class\": \"IOPRIO_CLASS_IDLE\", \"priority\": 7}",
                ", \"personality\": {\"domain\": \"LINUX32\"}"), SecurityInput.NONE);
        assertEquals(new Op.Personality(8), p.ops().get(indexOf(p, Op.Personality.class)));
        assertEquals(new Op.Scheduler(3, 1, 5, 0, 0, 0, 0), p.ops().get(indexOf(p, Op.Scheduler.class)));
        assertEquals(new Op.IoPriority(3, 7), p.ops().get(indexOf(p, Op.IoPriority.class)));
        assertEquals("/process/ioPriority", p.sources().get(indexOf(p, Op.IoPriority.class)));
        for (Class<? extends Op> c : List.of(Op.Personality.class, Op.Scheduler.class, Op.IoPriority.class)) {
            assertTrue(indexOf(p, c) < indexOf(p, Op.SetUser.class), c.getSimpleName());
        }
    }

    @Test
    void aMemoryPolicyBecomesSetMempolicyArgumentsBeforePrivilegesGo() {
        ContainerPlan p = plan(config("\"terminal\": false", ", \"memoryPolicy\": {\"mode\": \"MPOL_BIND\", \"nodes\": \"0-1,3\","
                + " \"flags\": [\"MPOL_F_STATIC_NODES\"]}"), SecurityInput.NONE);
        Op.MemoryPolicy op = (Op.MemoryPolicy) p.ops().get(indexOf(p, Op.MemoryPolicy.class));
        assertEquals(2 | 1 << 15, op.modeAndFlags());
        assertArrayEquals(new byte[] {0b1011, 0, 0, 0, 0, 0, 0, 0}, op.nodes());
        assertEquals("/linux/memoryPolicy", p.sources().get(indexOf(p, Op.MemoryPolicy.class)));
        assertTrue(indexOf(p, Op.MemoryPolicy.class) < indexOf(p, Op.SetUser.class));
    }

    @Test
    void aMemoryPolicyWithoutNodesHasAnEmptyMask() {
        ContainerPlan p = plan(config("\"terminal\": false", ", \"memoryPolicy\": {\"mode\": \"MPOL_LOCAL\"}"), SecurityInput.NONE);
        Op.MemoryPolicy op = (Op.MemoryPolicy) p.ops().get(indexOf(p, Op.MemoryPolicy.class));
        assertEquals(4, op.modeAndFlags());
        assertEquals(0, op.nodes().length);
    }

    @Test
    void aMalformedNodeListNamesItsPointer() {
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> plan(
                config("\"terminal\": false", ", \"memoryPolicy\": {\"mode\": \"MPOL_BIND\", \"nodes\": \"0,x\"}"), SecurityInput.NONE));
        assertEquals("config.json: /linux/memoryPolicy/nodes: invalid memory node list \"0,x\": \"x\" is not a memory node"
                + " number; expected comma-separated memory node numbers and ranges such as 0-3,7", e.getMessage());
    }

    @Test
    void execCpuAffinityDoesNotApplyToTheInit() {
        ContainerPlan p = plan(config("\"execCPUAffinity\": {\"initial\": \"0\", \"final\": \"0-1\"}", ""), SecurityInput.NONE);
        assertEquals(-1, indexOf(p, Op.CpuAffinity.class));
    }

    @Test
    void anLsmLabelOnAHostWithoutThatLsmIsRefused() {
        OciRuntimeException a = assertThrows(OciRuntimeException.class,
                () -> plan(config("\"apparmorProfile\": \"docker-default\"", ""), SecurityInput.NONE));
        assertEquals("config.json: /process/apparmorProfile: AppArmor is not enabled on this host", a.getMessage());
        OciRuntimeException s = assertThrows(OciRuntimeException.class,
                () -> plan(config("\"selinuxLabel\": \"system_u:system_r:container_t:s0\"", ""), SecurityInput.NONE));
        assertEquals("config.json: /process/selinuxLabel: SELinux is not enabled on this host", s.getMessage());
    }

    @Test
    void anAppArmorProfileIsWrittenToTheExecAttributeWhereTheHostHasIt() {
        ContainerPlan p = plan(config("\"apparmorProfile\": \"p1\"", ""), new SecurityInput(null, 0, -1L, true, false));
        Op.WriteFile w = (Op.WriteFile) p.ops().get(p.sources().indexOf("/process/apparmorProfile"));
        assertEquals("/proc/thread-self/attr/apparmor/exec", w.path());
        assertEquals("exec p1", new String(w.content()));
        assertTrue(p.sources().indexOf("/process/apparmorProfile") < indexOf(p, Op.Exec.class));
    }
}
